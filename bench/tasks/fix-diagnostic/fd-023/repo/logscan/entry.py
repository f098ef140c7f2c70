"""Log lines: '2024-05-01T10:00:00 ERROR billing: card declined (id=42)'."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
_LINE = re.compile(r"^(\S+)\s+([A-Z]+)\s+([\w.-]+):\s?(.*)$")


@dataclass(frozen=True)
class Entry:
    at: dt.datetime
    level: str
    component: str
    message: str
    lineno: int = 0

    @property
    def severity(self) -> int:
        return LEVELS.index(self.level)


def parse_line(line: str, lineno: int = 0) -> Entry | None:
    """An entry, or None for lines that are not log entries (stack traces...)."""
    match = _LINE.match(line.rstrip("\n"))
    if not match or match.group(2) not in LEVELS:
        return None
    try:
        at = dt.datetime.fromisoformat(match.group(1))
    except ValueError:
        return None
    return Entry(at, match.group(2), match.group(3), match.group(4), lineno)


def parse_lines(lines) -> list[Entry]:
    entries = []
    for lineno, line in enumerate(lines, 1):
        entry = parse_line(line, lineno)
        if entry is not None:
            entries.append(entry)
    return entries
