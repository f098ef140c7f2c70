"""Text helpers shared by the page and feed renderers."""

from __future__ import annotations

import html
import math
import re

_TAG = re.compile(r"<[^>]+>")
WORDS_PER_MINUTE = 220


def strip_tags(markup: str) -> str:
    """Drop HTML tags and unescape entities."""
    return html.unescape(_TAG.sub("", markup))


def word_count(text: str) -> int:
    return len(strip_tags(text).split())


def reading_time(text: str) -> int:
    """Whole minutes to read `text`, at least 1."""
    return max(1, math.ceil(word_count(text) / WORDS_PER_MINUTE))


def excerpt(text: str, limit: int = 160) -> str:
    """The start of the plain text, cut at a word boundary, with '…' when cut."""
    plain = " ".join(strip_tags(text).split())
    if len(plain) <= limit:
        return plain
    cut = plain[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",.;:") + "…"


def paragraphs(text: str) -> list[str]:
    """Blank-line separated blocks, each joined onto one line."""
    return [" ".join(block.split()) for block in re.split(r"\n\s*\n", text.strip()) if block.strip()]
