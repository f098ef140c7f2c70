"""Splitting text into words and paragraphs."""

from __future__ import annotations

import re

_BLANK_LINES = re.compile(r"\n\s*\n")


def words(text: str) -> list[str]:
    """Whitespace-separated words, in order."""
    return text.split()


def paragraphs(text: str) -> list[str]:
    """Paragraphs are separated by one or more blank lines; empty ones are dropped."""
    return [p.strip() for p in _BLANK_LINES.split(text) if p.strip()]
