"""Posts as loaded from the content folder."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass
class Post:
    title: str
    body: str
    published: dt.date
    author: str = "staff"
    tags: list[str] = field(default_factory=list)
    draft: bool = False

    @property
    def year(self) -> int:
        return self.published.year


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split 'key: value' lines before a '---' line from the body."""
    head, sep, body = text.partition("\n---\n")
    if not sep:
        return {}, text
    meta = {}
    for line in head.splitlines():
        key, colon, value = line.partition(":")
        if colon:
            meta[key.strip().lower()] = value.strip()
    return meta, body.lstrip("\n")


def load_post(text: str) -> Post:
    meta, body = parse_front_matter(text)
    return Post(
        title=meta.get("title", "Untitled"),
        body=body,
        published=dt.date.fromisoformat(meta["date"]),
        author=meta.get("author", "staff"),
        tags=[t.strip() for t in meta.get("tags", "").split(",") if t.strip()],
        draft=meta.get("draft", "no").lower() in ("yes", "true"),
    )
