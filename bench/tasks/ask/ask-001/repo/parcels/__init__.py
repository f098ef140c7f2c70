"""Parcel shipping quotes for an online shop."""
