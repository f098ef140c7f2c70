"""User accounts for a community forum."""
