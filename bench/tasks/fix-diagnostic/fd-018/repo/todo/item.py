"""One todo line: '(A) 2024-05-01 Call the plumber +house @phone due:2024-05-03'.

An optional '(X)' priority, an optional creation date, the text, '+project'
and '@context' tags, and 'key:value' extras. Done items start with 'x '.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

_PRIORITY = re.compile(r"^\(([A-Z])\)\s+")
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})\s+")


@dataclass
class Item:
    text: str
    priority: str = ""
    created: dt.date | None = None
    done: bool = False
    projects: list[str] = field(default_factory=list)
    contexts: list[str] = field(default_factory=list)
    extras: dict[str, str] = field(default_factory=dict)

    @property
    def due(self) -> dt.date | None:
        value = self.extras.get("due")
        return dt.date.fromisoformat(value) if value else None


def parse_item(line: str) -> Item:
    rest = line.strip()
    done = rest.startswith("x ")
    if done:
        rest = rest[2:].lstrip()
    priority = ""
    match = _PRIORITY.match(rest)
    if match:
        priority, rest = match.group(1), rest[match.end():]
    created = None
    match = _DATE.match(rest)
    if match:
        created, rest = dt.date.fromisoformat(match.group(1)), rest[match.end():]
    words = rest.split()
    projects = [w[1:] for w in words if w.startswith("+") and len(w) > 1]
    contexts = [w[1:] for w in words if w.startswith("@") and len(w) > 1]
    extras = dict(w.split(":", 1) for w in words if ":" in w and not w.startswith(("http:", "https:")))
    return Item(rest, priority, created, done, projects, contexts, extras)
