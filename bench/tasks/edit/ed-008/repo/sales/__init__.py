"""Sales figures from CSV exports of the shop system."""
