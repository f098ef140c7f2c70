"""Small text utilities for terminal output."""
