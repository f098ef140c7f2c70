"""Blog posts: front matter, slugs and the archive pages."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from .text import excerpt, reading_minutes


@dataclass
class Post:
    title: str
    published: dt.date
    body: str
    tags: list[str] = field(default_factory=list)
    slug: str = ""
    draft: bool = False

    def __post_init__(self) -> None:
        if not self.slug:
            self.slug = slugify(self.title)

    @property
    def url(self) -> str:
        return f"/{self.published.year}/{self.published.month:02d}/{self.slug}/"

    @property
    def summary(self) -> str:
        return excerpt(self.body, 25)

    @property
    def minutes(self) -> int:
        return reading_minutes(self.body)


def parse_post(text: str) -> Post:
    """A post file: 'key: value' front matter lines, a '---' line, then the body."""
    head, sep, body = text.partition("\n---\n")
    if not sep:
        raise ValueError("missing '---' after the front matter")
    meta = {}
    for line in head.strip().splitlines():
        key, _, value = line.partition(":")
        meta[key.strip().lower()] = value.strip()
    return Post(
        title=meta["title"],
        published=dt.date.fromisoformat(meta["date"]),
        body=body.strip(),
        tags=[t.strip() for t in meta.get("tags", "").split(",") if t.strip()],
        slug=meta.get("slug", ""),
        draft=meta.get("draft", "no").lower() in ("yes", "true"),
    )


def published(posts: list[Post]) -> list[Post]:
    """Non-draft posts, newest first (then by title)."""
    return sorted((p for p in posts if not p.draft), key=lambda p: (-p.published.toordinal(), p.title))


def by_tag(posts: list[Post]) -> dict[str, list[str]]:
    """Tag -> slugs of the published posts with that tag, tags sorted."""
    tags: dict[str, list[str]] = defaultdict(list)
    for post in published(posts):
        for tag in post.tags:
            tags[tag].append(post.slug)
    return dict(sorted(tags.items()))


def archive(posts: list[Post]) -> dict[str, list[str]]:
    """'YYYY-MM' -> titles of published posts that month, newest month first."""
    months: dict[str, list[str]] = defaultdict(list)
    for post in published(posts):
        months[f"{post.published.year}-{post.published.month:02d}"].append(post.title)
    return dict(sorted(months.items(), reverse=True))


def check_unique_slugs(posts: list[Post]) -> list[str]:
    """Slugs used by more than one post, sorted."""
    seen: dict[str, int] = defaultdict(int)
    for post in posts:
        seen[post.slug] += 1
    return sorted(slug for slug, n in seen.items() if n > 1)
