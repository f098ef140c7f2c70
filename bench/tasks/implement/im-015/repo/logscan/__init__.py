"""Scan application logs: parse lines, filter records, spot error bursts."""
