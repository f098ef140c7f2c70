"""Plane geometry for the floor-plan editor: points, vectors, polygons."""
