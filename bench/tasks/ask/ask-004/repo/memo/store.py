"""Cache: compute a value once, serve it until it goes stale."""

from __future__ import annotations

import time
from typing import Any, Callable, Hashable

from .entry import CacheEntry


class Cache:
    def __init__(self, max_age: float = 300.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.max_age = max_age
        self.clock = clock
        self.generation = 0
        self._entries: dict[Hashable, CacheEntry] = {}
        self.hits = 0
        self.misses = 0
        self.refreshes = 0

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The cached value for `key`, computed (again) when missing or stale."""
        now = self.clock()
        entry = self._entries.get(key)
        if entry is not None and not entry.is_stale(now, self.max_age, self.generation):
            entry.hits += 1
            self.hits += 1
            return entry.value
        if entry is None:
            self.misses += 1
        else:
            self.refreshes += 1
        value = compute()
        self._entries[key] = CacheEntry(value, now, self.generation)
        return value

    def peek(self, key: Hashable) -> Any | None:
        """The stored value even if stale, without computing anything."""
        entry = self._entries.get(key)
        return None if entry is None else entry.value

    def invalidate(self, key: Hashable) -> bool:
        return self._entries.pop(key, None) is not None

    def invalidate_all(self) -> None:
        """Make every entry stale at once, without walking them (they are dropped lazily)."""
        self.generation += 1

    def prune(self) -> int:
        """Drop stale entries now; returns how many were dropped."""
        now = self.clock()
        stale = [k for k, e in self._entries.items() if e.is_stale(now, self.max_age, self.generation)]
        for key in stale:
            del self._entries[key]
        return len(stale)

    def stats(self) -> dict[str, float]:
        lookups = self.hits + self.misses + self.refreshes
        return {
            "entries": len(self._entries),
            "hits": self.hits,
            "misses": self.misses,
            "refreshes": self.refreshes,
            "hit_rate": self.hits / lookups if lookups else 0.0,
        }


def memoize(cache: Cache) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Decorator: cache a function's results by its positional arguments."""

    def wrap(func: Callable[..., Any]) -> Callable[..., Any]:
        def inner(*args: Hashable) -> Any:
            return cache.get((func.__name__, args), lambda: func(*args))

        inner.__name__ = func.__name__
        inner.__doc__ = func.__doc__
        return inner

    return wrap
