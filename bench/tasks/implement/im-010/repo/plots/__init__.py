"""Land plots: survey points, polygons, areas and fences."""
