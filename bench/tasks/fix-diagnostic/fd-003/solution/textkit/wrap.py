"""Greedy word wrapping for fixed-width terminals.

Words longer than the width are never split: they get a line of their own.
"""

from __future__ import annotations

from .tokens import paragraphs, words


def wrap_paragraph(text: str, width: int = 72, indent: str = "") -> list[str]:
    """Wrap one paragraph into lines of at most `width` characters.

    Every line starts with `indent`, which counts towards the width.
    """
    if width <= len(indent):
        raise ValueError("width must be larger than the indent")
    lines: list[str] = []
    current = indent
    for word in words(text):
        if current == indent:
            current += word
        elif len(current) + 1 + len(word) <= width:
            current += " " + word
        else:
            lines.append(current)
            current = indent + word
    if current != indent:
        lines.append(current)
    return lines


def wrap_text(text: str, width: int = 72, indent: str = "") -> str:
    """Wrap every paragraph and join them back with one blank line between."""
    blocks = ["\n".join(wrap_paragraph(p, width, indent)) for p in paragraphs(text)]
    return "\n\n".join(blocks)


def center(line: str, width: int) -> str:
    """Center a line in `width` columns (extra space goes to the right)."""
    if len(line) >= width:
        return line
    left = (width - len(line)) // 2
    return " " * left + line + " " * (width - len(line) - left)


def box(lines: list[str], padding: int = 1) -> list[str]:
    """Draw an ASCII box around lines, e.g. for a banner.

    >>> box(["hi"], padding=0)
    ['+--+', '|hi|', '+--+']
    """
    inner = max((len(line) for line in lines), default=0) + 2 * padding
    pad = " " * padding
    top = "+" + "-" * inner + "+"
    body = ["|" + pad + line.ljust(inner - 2 * padding) + pad + "|" for line in lines]
    return [top, *body, top]


def truncate(line: str, width: int, marker: str = "...") -> str:
    """Cut a line to `width` characters, ending with `marker` when cut."""
    if len(line) <= width:
        return line
    if width <= len(marker):
        return marker[:width]
    return line[: width - len(marker)] + marker
