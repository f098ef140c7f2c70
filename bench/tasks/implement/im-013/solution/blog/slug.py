"""URL slugs for post titles."""

from __future__ import annotations

import re
import unicodedata

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
DEFAULT_MAX_LENGTH = 50


def slugify(title: str, max_length: int = DEFAULT_MAX_LENGTH) -> str:
    """Turn a title into a URL slug.

    - accented letters become plain ASCII ("Café" -> "cafe"): decompose with
      unicodedata NFKD and drop what is not ASCII;
    - lower-case;
    - every run of characters other than a-z and 0-9 becomes one "-";
    - no "-" at the start or the end;
    - when longer than `max_length`, cut to `max_length` characters, then drop
      any "-" left at the end by the cut;
    - a title that leaves nothing gives "untitled".
    """
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_ALNUM.sub("-", ascii_text.lower()).strip("-")
    slug = slug[:max_length].rstrip("-")
    return slug or "untitled"


def unique_slug(title: str, taken: set[str], max_length: int = DEFAULT_MAX_LENGTH) -> str:
    """slugify(title), with "-2", "-3", ... appended until it is not in `taken`."""
    base = slugify(title, max_length)
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def title_from_slug(slug: str) -> str:
    """A readable title guessed back from a slug ("hello-world" -> "Hello world")."""
    words = slug.replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def is_valid_slug(slug: str) -> bool:
    return bool(slug) and _NOT_ALNUM.sub("-", slug) == slug and not slug.startswith("-") and not slug.endswith("-")


def slug_path(slug: str, year: int) -> str:
    """Where the post page is written: posts/<year>/<slug>/index.html."""
    if not is_valid_slug(slug):
        raise ValueError(f"not a valid slug: {slug!r}")
    return f"posts/{year}/{slug}/index.html"


_DATED_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.+?)(\.md)?$")


def parse_post_filename(filename: str) -> tuple[str, str]:
    """'2024-03-01-my-first-post.md' -> ('2024-03-01', 'my-first-post')."""
    match = _DATED_NAME.match(filename)
    if not match:
        raise ValueError(f"post file names look like YYYY-MM-DD-slug.md, got {filename!r}")
    year, month, day, slug, _ = match.groups()
    return f"{year}-{month}-{day}", slug
