"""A small static blog generator."""
