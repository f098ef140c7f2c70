"""Text helpers shared by the site generator."""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")


def slugify(title: str, max_length: int = 60) -> str:
    """'Héllo, World!' -> 'hello-world'. Accents are dropped; never ends with '-'."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = _NON_WORD.sub("-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-")


def excerpt(text: str, words: int = 30) -> str:
    """The first `words` words, with '…' when cut."""
    parts = text.split()
    if len(parts) <= words:
        return " ".join(parts)
    return " ".join(parts[:words]) + "…"


def reading_minutes(text: str, wpm: int = 200) -> int:
    """Minutes to read, at least 1."""
    return max(1, round(len(text.split()) / wpm))
