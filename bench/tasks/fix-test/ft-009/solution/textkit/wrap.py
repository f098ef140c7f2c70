"""Word wrapping for terminal output.

Widths are display columns as measured by width.display_width, so a wide
character such as 日 counts as two columns. Lines never exceed `width`
columns; a word longer than a whole line is split across lines.
"""

from __future__ import annotations

from .width import char_width, display_width, pad


def _split_long(word: str, width: int) -> list[str]:
    """Cut a word into pieces of at most `width` columns."""
    pieces, current, used = [], [], 0
    for ch in word:
        w = char_width(ch)
        if used + w > width and current:
            pieces.append("".join(current))
            current, used = [], 0
        current.append(ch)
        used += w
    if current:
        pieces.append("".join(current))
    return pieces


def wrap(text: str, width: int) -> list[str]:
    """Greedy wrap: as many words on each line as fit, separated by single spaces."""
    if width < 2:
        raise ValueError("width must be at least 2")
    lines: list[str] = []
    current: list[str] = []
    used = 0
    for word in text.split():
        pieces = _split_long(word, width) if display_width(word) > width else [word]
        for piece in pieces:
            size = display_width(piece)
            extra = size if not current else size + 1
            if current and used + extra > width:
                lines.append(" ".join(current))
                current, used = [], 0
                extra = size
            current.append(piece)
            used += extra
    if current:
        lines.append(" ".join(current))
    return lines


def fill(text: str, width: int) -> str:
    """wrap() joined with newlines; paragraphs (blank-line separated) stay apart."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    return "\n\n".join("\n".join(wrap(p, width)) for p in paragraphs)


def hanging(text: str, width: int, label: str) -> list[str]:
    """Wrap after a label, e.g. 'note: ' with following lines indented under the text."""
    indent = display_width(label)
    body = wrap(text, width - indent)
    if not body:
        return [label.rstrip()]
    return [label + body[0]] + [" " * indent + line for line in body[1:]]


def justify(line: str, width: int) -> str:
    """Spread the words of one line so it is exactly `width` columns wide."""
    words = line.split()
    if len(words) < 2:
        return pad(line, width)
    gaps = len(words) - 1
    spaces = width - sum(display_width(w) for w in words)
    base, extra = divmod(spaces, gaps)
    out = ""
    for i, word in enumerate(words[:-1]):
        out += word + " " * (base + (1 if i < extra else 0))
    return out + words[-1]


def two_columns(left: list[str], right: list[str], width: int, gap: int = 2) -> list[str]:
    """Put two wrapped texts side by side, each column `width` wide."""
    rows = max(len(left), len(right))
    left = left + [""] * (rows - len(left))
    right = right + [""] * (rows - len(right))
    return [(pad(a, width) + " " * gap + b).rstrip() for a, b in zip(left, right)]
