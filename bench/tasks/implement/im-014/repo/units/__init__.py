"""Unit conversion for a recipe and fitness app."""
