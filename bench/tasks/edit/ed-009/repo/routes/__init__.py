"""Road networks and trip planning."""
