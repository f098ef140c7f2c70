"""Summaries of exported bank and sales CSV files."""
