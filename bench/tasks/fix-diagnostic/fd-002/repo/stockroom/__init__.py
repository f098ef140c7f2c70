"""Stockroom: a small stock keeper for a shop's back room."""

from .stock import Stock

__all__ = ["Stock"]
