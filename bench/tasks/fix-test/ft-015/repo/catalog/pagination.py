"""Page arithmetic shared by every listing on the site.

Page numbers are 1-based everywhere, as in the ?page= query parameter:
page 1 is the first page.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


def page_count(total: int, per_page: int) -> int:
    """Number of pages for `total` items; an empty listing still has 1 (empty) page."""
    if per_page < 1:
        raise ValueError("per_page must be at least 1")
    return max(1, math.ceil(total / per_page))


def page_bounds(page: int, per_page: int) -> tuple[int, int]:
    """Slice bounds (start, stop) of the 1-based `page`."""
    if page < 1:
        raise ValueError(f"page numbers start at 1, got {page}")
    start = (page - 1) * per_page
    return start, start + per_page


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    number: int
    pages: int
    total: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages
