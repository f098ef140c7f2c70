"""Import product lists that suppliers send as CSV."""
