"""Lay out short strings in aligned columns."""

from __future__ import annotations


def pad(text: str, width: int, align: str = "left") -> str:
    if align == "right":
        return text.rjust(width)
    if align == "center":
        return text.center(width)
    return text.ljust(width)


def columns(items: list[str], per_row: int, gap: int = 2) -> list[str]:
    """Rows of `per_row` items, each column as wide as its widest item."""
    rows = [items[i : i + per_row] for i in range(0, len(items), per_row)]
    widths = [max(len(row[c]) for row in rows if c < len(row)) for c in range(per_row if rows else 0)]
    sep = " " * gap
    return [sep.join(pad(cell, widths[c]) for c, cell in enumerate(row)).rstrip() for row in rows]
