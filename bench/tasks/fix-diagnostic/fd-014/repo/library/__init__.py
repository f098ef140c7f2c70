"""library: the lending desk of a neighbourhood library."""
