"""Splitting a restaurant bill between friends, to the cent."""
