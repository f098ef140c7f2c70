"""Scanning application logs: parse lines, then count and summarise them."""
