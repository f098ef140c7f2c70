"""Tabular reports and their export formats."""
