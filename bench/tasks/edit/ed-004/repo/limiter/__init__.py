"""Rate limiting for a small HTTP service."""
