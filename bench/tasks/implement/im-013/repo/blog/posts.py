"""Posts and the index page listing them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .slug import slug_path, unique_slug


@dataclass
class Post:
    title: str
    published: dt.date
    body: str = ""
    slug: str = ""


@dataclass
class Blog:
    posts: list[Post] = field(default_factory=list)

    def add(self, title: str, published: dt.date, body: str = "") -> Post:
        slug = unique_slug(title, {p.slug for p in self.posts})
        post = Post(title, published, body, slug)
        self.posts.append(post)
        return post

    def paths(self) -> list[str]:
        return [slug_path(p.slug, p.published.year) for p in self.posts]

    def index(self) -> str:
        newest = sorted(self.posts, key=lambda p: p.published, reverse=True)
        return "\n".join(f"{p.published.isoformat()}  {p.title}  /{p.slug}/" for p in newest)
