"""geometry: 2-D shapes for the floor-plan editor."""
