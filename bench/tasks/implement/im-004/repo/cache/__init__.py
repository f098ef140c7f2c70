"""An in-memory cache with per-entry time to live."""
