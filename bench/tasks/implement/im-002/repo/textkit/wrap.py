"""Word wrapping for plain text paragraphs."""

from __future__ import annotations

import re

_BLANK_LINES = re.compile(r"\n\s*\n")


def normalize_spaces(text: str) -> str:
    """Collapse every run of whitespace into one space and strip the ends."""
    return " ".join(text.split())


def wrap_paragraph(text: str, width: int) -> list[str]:
    """Greedy word wrap of one paragraph.

    The text is split on whitespace; each line takes as many words as fit in
    `width` characters, words joined by single spaces. A word longer than
    `width` is never broken: it goes alone on its own line. Empty or
    whitespace-only text gives []. Raises ValueError if `width` < 1.
    """
    raise NotImplementedError


def indent_lines(lines: list[str], prefix: str, first: str | None = None) -> list[str]:
    """Prefix every line; `first`, when given, replaces the prefix of line one."""
    out = []
    for i, line in enumerate(lines):
        lead = first if (i == 0 and first is not None) else prefix
        out.append(lead + line)
    return out


def wrap_text(text: str, width: int = 72) -> str:
    """Wrap every paragraph (paragraphs are separated by blank lines)."""
    paragraphs = [p for p in _BLANK_LINES.split(text) if p.strip()]
    return "\n\n".join("\n".join(wrap_paragraph(p, width)) for p in paragraphs)


def bullet(text: str, width: int = 72, marker: str = "- ") -> str:
    """A wrapped bullet point whose continuation lines line up under the text."""
    body = wrap_paragraph(text, width - len(marker))
    return "\n".join(indent_lines(body, " " * len(marker), first=marker))


def shorten(text: str, limit: int, ellipsis: str = "...") -> str:
    """`text` with spaces normalized, cut to `limit` characters with an ellipsis."""
    flat = normalize_spaces(text)
    if len(flat) <= limit:
        return flat
    return flat[: max(limit - len(ellipsis), 0)].rstrip() + ellipsis


def center_lines(lines: list[str], width: int) -> list[str]:
    """Center each line in `width` columns (right side not padded)."""
    return [line.center(width).rstrip() for line in lines]


def box(lines: list[str], padding: int = 1) -> list[str]:
    """Draw an ASCII box around lines of text."""
    inner = max((len(line) for line in lines), default=0) + 2 * padding
    edge = "+" + "-" * inner + "+"
    space = " " * padding
    body = ["|" + space + line.ljust(inner - 2 * padding) + space + "|" for line in lines]
    return [edge, *body, edge]
