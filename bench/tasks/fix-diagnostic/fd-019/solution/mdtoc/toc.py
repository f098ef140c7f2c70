"""Find headings in Markdown text and build a table of contents.

Only ATX headings ('# Title' .. '###### Title') count; lines inside fenced
code blocks (``` or ~~~) are ignored. A closing run of '#' after the title
is dropped, as is inline markup of the title (`code`, *emphasis*, links).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .anchors import AnchorSet

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MARKS = re.compile(r"[`*_]")

START_MARKER = "<!-- toc -->"
END_MARKER = "<!-- /toc -->"


@dataclass
class Heading:
    level: int
    title: str
    anchor: str
    line: int  # 1-based
    children: list["Heading"] = field(default_factory=list)


def plain_title(raw: str) -> str:
    """Strip inline markup: links keep their text, backticks and emphasis marks go."""
    return _MARKS.sub("", _LINK.sub(r"\1", raw)).strip()


def find_headings(text: str) -> list[Heading]:
    """Every heading outside code fences, in document order, with unique anchors."""
    anchors = AnchorSet()
    headings = []
    fence: str | None = None
    for lineno, line in enumerate(text.splitlines(), 1):
        fence_match = _FENCE.match(line)
        if fence_match:
            marker = fence_match.group(1)
            if fence is None:
                fence = marker
            elif marker == fence:
                fence = None
            continue
        if fence is not None:
            continue
        match = _HEADING.match(line)
        if match:
            title = plain_title(match.group(2))
            headings.append(Heading(len(match.group(1)), title, anchors.unique(title), lineno))
    return headings


def build_toc(headings: list[Heading], min_level: int = 1, max_level: int = 6) -> list[Heading]:
    """Nest headings by level (a heading becomes a child of the previous shallower one).

    Headings outside min_level..max_level are left out. Returns the top-level entries.
    """
    roots: list[Heading] = []
    stack: list[Heading] = []
    for heading in headings:
        if not min_level <= heading.level <= max_level:
            continue
        node = Heading(heading.level, heading.title, heading.anchor, heading.line)
        while stack and stack[-1].level >= node.level:
            stack.pop()
        if stack:
            stack[-1].children.append(node)
        else:
            roots.append(node)
        stack.append(node)
    return roots


def render_toc(entries: list[Heading], indent: int = 2, depth: int = 0) -> list[str]:
    """Markdown list lines: '- [Title](#anchor)', nested by `indent` spaces."""
    lines = []
    for entry in entries:
        lines.append(" " * (indent * depth) + f"- [{entry.title}](#{entry.anchor})")
        lines.extend(render_toc(entry.children, indent, depth + 1))
    return lines


def toc_markdown(text: str, min_level: int = 2, max_level: int = 3) -> str:
    """The table of contents of a document, as Markdown (the title level 1 is skipped by default)."""
    return "\n".join(render_toc(build_toc(find_headings(text), min_level, max_level)))


def insert_toc(text: str, min_level: int = 2, max_level: int = 3) -> str:
    """Replace what is between the toc markers with a fresh table of contents.

    Documents without both markers are returned unchanged.
    """
    start = text.find(START_MARKER)
    end = text.find(END_MARKER)
    if start == -1 or end == -1 or end < start:
        return text
    toc = toc_markdown(text, min_level, max_level)
    before = text[: start + len(START_MARKER)]
    after = text[end:]
    return f"{before}\n{toc}\n{after}"


def outline_numbers(headings: list[Heading]) -> dict[int, str]:
    """Section numbers like '2.1.3' per heading line, counting from each document's top level."""
    if not headings:
        return {}
    top = min(h.level for h in headings)
    counters = [0] * 6
    numbers = {}
    for heading in headings:
        depth = heading.level - top
        counters[depth] += 1
        for deeper in range(depth + 1, 6):
            counters[deeper] = 0
        numbers[heading.line] = ".".join(str(c) for c in counters[: depth + 1])
    return numbers


def count_by_level(headings: list[Heading]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for heading in headings:
        counts[heading.level] = counts.get(heading.level, 0) + 1
    return dict(sorted(counts.items()))
