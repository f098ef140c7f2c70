"""A cached value with the facts needed to decide whether it can still be used."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class CacheEntry:
    value: Any
    created: float  # clock reading when the value was computed
    generation: int  # cache generation at that time; bumped by Cache.invalidate_all
    hits: int = 0

    def age(self, now: float) -> float:
        return now - self.created

    def is_stale(self, now: float, max_age: float, generation: int) -> bool:
        """Stale when older than `max_age` seconds (an entry exactly max_age old is still fresh),
        or when it was made before the cache's current `generation`."""
        return self.age(now) > max_age or self.generation != generation
