"""Render rows of cells as an aligned text table."""

from __future__ import annotations

import unicodedata
from typing import Sequence

Cell = object
ELLIPSIS = "…"


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal: wide (East Asian) characters count 2, combining marks 0."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def cell_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value).replace("\n", " ")


def fit(text: str, width: int) -> str:
    """Cut `text` so it takes at most `width` columns, ending with an ellipsis when cut."""
    if display_width(text) <= width:
        return text
    out = ""
    for ch in text:
        if display_width(out + ch) > width - 1:
            break
        out += ch
    return out + ELLIPSIS


def pad(text: str, width: int, right: bool) -> str:
    gap = " " * max(0, width - display_width(text))
    return gap + text if right else text + gap


def _column_widths(header: Sequence[str], rows: list[list[str]], max_width: int | None) -> list[int]:
    """Each column is as wide as its widest cell or header, but never wider than `max_width`."""
    widths = [display_width(h) for h in header]
    for row in rows:
        for i, text in enumerate(row):
            widths[i] = max(widths[i], display_width(text))
    if max_width is not None:
        widths = [min(w, max_width) for w in widths]
    return widths


def _is_numeric(column: list[Cell]) -> bool:
    values = [v for v in column if v is not None]
    return bool(values) and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values)


def render_table(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    max_width: int | None = 30,
    gap: int = 2,
) -> str:
    """A table with a header line, a rule, and one line per row.

    Numeric columns are right-aligned, the others left-aligned; long cells are
    cut with an ellipsis to the column width.
    """
    if any(len(row) != len(header) for row in rows):
        raise ValueError("every row needs one cell per header column")
    texts = [[cell_text(v) for v in row] for row in rows]
    widths = _column_widths(header, texts, max_width)
    right = [_is_numeric([row[i] for row in rows]) for i in range(len(header))]
    sep = " " * gap
    lines = [sep.join(pad(fit(h, w), w, r) for h, w, r in zip(header, widths, right)).rstrip()]
    lines.append(sep.join("-" * w for w in widths))
    for row in texts:
        lines.append(sep.join(pad(fit(t, w), w, r) for t, w, r in zip(row, widths, right)).rstrip())
    return "\n".join(lines)
