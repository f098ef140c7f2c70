"""Order lifecycle for a small web shop."""
