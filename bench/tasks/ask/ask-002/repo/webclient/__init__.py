"""A small HTTP client wrapper with retries, used by the sync and upload jobs."""
