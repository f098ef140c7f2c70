"""Render posts, the index and tag pages to HTML strings."""

from __future__ import annotations

import html
import re
import unicodedata
from collections import defaultdict

from .models import Post
from .text import excerpt, paragraphs, reading_time

PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>{title}</title></head>
<body>
{content}
</body>
</html>
"""

POSTS_PER_PAGE = 10


def slugify(text: str) -> str:
    """'Hello, World!' -> 'hello-world'; accents are folded to plain letters."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")
    return slug or "untitled"


def permalink(post: Post) -> str:
    """/2024/03/my-title/ style address of a post."""
    return f"/{post.published.year}/{post.published.month:02d}/{slugify(post.title)}/"


def tag_url(tag: str) -> str:
    return f"/tags/{slugify(tag)}/"


def render_tags(tags: list[str]) -> str:
    if not tags:
        return ""
    links = ", ".join(f'<a href="{tag_url(t)}">{html.escape(t)}</a>' for t in tags)
    return f'<p class="tags">Tagged: {links}</p>'


def render_post(post: Post) -> str:
    """The full page of one post."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs(post.body))
    minutes = reading_time(post.body)
    content = (
        f"<article>\n<h1>{html.escape(post.title)}</h1>\n"
        f'<p class="meta">{post.published.isoformat()} by {html.escape(post.author)}'
        f" · {minutes} min read</p>\n{body}\n{render_tags(post.tags)}\n</article>"
    )
    return PAGE.format(title=html.escape(post.title), content=content)


def visible(posts: list[Post]) -> list[Post]:
    """Published posts, newest first."""
    return sorted((p for p in posts if not p.draft), key=lambda p: p.published, reverse=True)


def render_summary(post: Post) -> str:
    return (
        f'<li><a href="{permalink(post)}">{html.escape(post.title)}</a>'
        f" <small>{post.published.isoformat()}</small><br>{html.escape(excerpt(post.body))}</li>"
    )


def render_index(posts: list[Post], page: int = 1) -> str:
    """One page of the front page list; page numbers start at 1."""
    shown = visible(posts)
    start = (page - 1) * POSTS_PER_PAGE
    chunk = shown[start : start + POSTS_PER_PAGE]
    items = "\n".join(render_summary(p) for p in chunk)
    nav = []
    if page > 1:
        nav.append(f'<a href="/page/{page - 1}/">Newer</a>')
    if start + POSTS_PER_PAGE < len(shown):
        nav.append(f'<a href="/page/{page + 1}/">Older</a>')
    content = f"<ul>\n{items}\n</ul>\n<nav>{' '.join(nav)}</nav>"
    return PAGE.format(title="Blog", content=content)


def posts_by_tag(posts: list[Post]) -> dict[str, list[Post]]:
    """Tag slug -> visible posts with that tag, newest first."""
    groups: dict[str, list[Post]] = defaultdict(list)
    for post in visible(posts):
        for tag in post.tags:
            groups[slugify(tag)].append(post)
    return dict(groups)


def render_tag_page(tag: str, posts: list[Post]) -> str:
    tagged = posts_by_tag(posts).get(slugify(tag), [])
    items = "\n".join(render_summary(p) for p in tagged)
    content = f"<h1>Posts tagged {html.escape(tag)}</h1>\n<ul>\n{items}\n</ul>"
    return PAGE.format(title=f"Tag: {html.escape(tag)}", content=content)


def site_pages(posts: list[Post]) -> dict[str, str]:
    """Every output path and its HTML: posts, index pages and tag pages."""
    pages = {permalink(p) + "index.html": render_post(p) for p in visible(posts)}
    count = max(1, -(-len(visible(posts)) // POSTS_PER_PAGE))
    pages["/index.html"] = render_index(posts, 1)
    for number in range(2, count + 1):
        pages[f"/page/{number}/index.html"] = render_index(posts, number)
    for slug in posts_by_tag(posts):
        pages[f"/tags/{slug}/index.html"] = render_tag_page(slug, posts)
    return pages
