"""A tiny caching stub resolver."""
