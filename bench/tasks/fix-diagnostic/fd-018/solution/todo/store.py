"""The todo list: load from text, query, complete, and write back.

Items keep their position in the file; numbers shown to the user are
1-based positions.
"""

from __future__ import annotations

import datetime as dt

from .item import Item, parse_item


class TodoStore:
    def __init__(self, items: list[Item] | None = None) -> None:
        self.items: list[Item] = list(items or [])

    @classmethod
    def from_text(cls, text: str) -> "TodoStore":
        return cls([parse_item(line) for line in text.splitlines() if line.strip()])

    def add(self, line: str, today: dt.date | None = None) -> int:
        """Add a line (dated today unless it has a date); returns its number."""
        item = parse_item(line)
        if item.created is None and today is not None:
            item.created = today
        self.items.append(item)
        return len(self.items)

    def get(self, number: int) -> Item:
        if not 1 <= number <= len(self.items):
            raise IndexError(f"no item {number}")
        return self.items[number - 1]

    def complete(self, number: int) -> Item:
        item = self.get(number)
        item.done = True
        return item

    def pending(self) -> list[tuple[int, Item]]:
        """(number, item) of items not done, by priority (A first, none last) then number."""
        rows = [(n, item) for n, item in enumerate(self.items, 1) if not item.done]
        return sorted(rows, key=lambda row: (row[1].priority or "~", row[0]))

    def by_project(self, project: str) -> list[int]:
        """Numbers of pending items tagged +project."""
        return [n for n, item in enumerate(self.items, 1) if not item.done and project in item.projects]

    def by_context(self, context: str) -> list[int]:
        """Numbers of pending items tagged @context."""
        return [n for n, item in enumerate(self.items, 1) if not item.done and context in item.contexts]

    def overdue(self, today: dt.date) -> list[int]:
        return [n for n, item in enumerate(self.items, 1) if not item.done and item.due and item.due < today]

    def projects(self) -> dict[str, int]:
        """Pending item count per project, projects sorted."""
        counts: dict[str, int] = {}
        for item in self.items:
            if not item.done:
                for project in item.projects:
                    counts[project] = counts.get(project, 0) + 1
        return dict(sorted(counts.items()))

    def archive(self) -> list[Item]:
        """Remove done items and return them (numbers of the rest change)."""
        done = [item for item in self.items if item.done]
        self.items = [item for item in self.items if not item.done]
        return done

    def to_text(self) -> str:
        lines = []
        for item in self.items:
            parts = []
            if item.done:
                parts.append("x")
            if item.priority:
                parts.append(f"({item.priority})")
            if item.created:
                parts.append(item.created.isoformat())
            parts.append(item.text)
            lines.append(" ".join(parts))
        return "\n".join(lines) + ("\n" if lines else "")
