"""Shopping cart and promotion codes for the bakery's web shop."""
