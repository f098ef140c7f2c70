"""recipes: scaling and converting recipe ingredients."""
