"""Plane polygons and floor plans built from them."""
