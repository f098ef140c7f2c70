"""A small user directory kept in CSV files."""
