"""Token-bucket rate limiting for API clients."""
