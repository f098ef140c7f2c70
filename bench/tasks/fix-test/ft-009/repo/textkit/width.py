"""How many terminal columns text takes.

Most characters take one column; East Asian wide and full-width characters
(漢字, ｶ full-width forms) take two; combining marks take none.
"""

from __future__ import annotations

import unicodedata


def char_width(ch: str) -> int:
    if unicodedata.combining(ch):
        return 0
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 2
    return 1


def display_width(text: str) -> int:
    """Columns `text` takes on a terminal: display_width('日本') == 4."""
    return sum(char_width(ch) for ch in text)


def pad(text: str, width: int) -> str:
    """Left-align `text` in `width` columns (no truncation)."""
    return text + " " * max(0, width - display_width(text))


def truncate(text: str, width: int, ellipsis: str = "…") -> str:
    """Cut `text` to at most `width` columns, ending with `ellipsis` when cut."""
    if display_width(text) <= width:
        return text
    room = width - display_width(ellipsis)
    out, used = [], 0
    for ch in text:
        w = char_width(ch)
        if used + w > room:
            break
        out.append(ch)
        used += w
    return "".join(out) + ellipsis
