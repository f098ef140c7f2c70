"""Stock keeping for a small hardware store."""
