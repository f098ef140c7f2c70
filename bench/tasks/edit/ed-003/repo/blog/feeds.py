"""An Atom feed of the newest posts."""

from __future__ import annotations

import html

from .models import Post
from .text import excerpt
from .views import permalink, slugify, visible

FEED_SIZE = 20


def entry_id(site: str, post: Post) -> str:
    """A stable tag: URI for the entry."""
    return f"tag:{site},{post.published.isoformat()}:{slugify(post.title)}"


def render_entry(site: str, post: Post) -> str:
    return (
        "<entry>\n"
        f"  <title>{html.escape(post.title)}</title>\n"
        f"  <id>{entry_id(site, post)}</id>\n"
        f'  <link href="https://{site}{permalink(post)}"/>\n'
        f"  <updated>{post.published.isoformat()}T00:00:00Z</updated>\n"
        f"  <summary>{html.escape(excerpt(post.body))}</summary>\n"
        "</entry>"
    )


def render_feed(site: str, title: str, posts: list[Post]) -> str:
    newest = visible(posts)[:FEED_SIZE]
    updated = newest[0].published.isoformat() if newest else "1970-01-01"
    entries = "\n".join(render_entry(site, p) for p in newest)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom">\n'
        f"<title>{html.escape(title)}</title>\n"
        f"<id>tag:{site},2000:feed</id>\n"
        f"<updated>{updated}T00:00:00Z</updated>\n"
        f"{entries}\n</feed>\n"
    )
