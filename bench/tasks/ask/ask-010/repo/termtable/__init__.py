"""Plain-text tables for command-line tools."""
