"""Request throttling for the public API: per-client sliding windows."""
