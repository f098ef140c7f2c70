"""A least-recently-used cache whose entries may also expire.

The cache holds at most `capacity` entries. Reading an entry with `get` or
writing it with `put` makes it the most recently used; when a `put` would
exceed the capacity, the least recently used entry is evicted. An entry
written with a time-to-live is gone once `ttl` seconds have passed.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from typing import Any, Callable, Hashable

from .stats import CacheStats

_MISSING = object()


class LRUCache:
    def __init__(
        self,
        capacity: int,
        default_ttl: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if capacity < 1:
            raise ValueError("capacity must be at least 1")
        self.capacity = capacity
        self.default_ttl = default_ttl
        self.clock = clock
        self.stats = CacheStats()
        # key -> (value, expires_at or None); order is least to most recently used
        self._data: OrderedDict[Hashable, tuple[Any, float | None]] = OrderedDict()

    def __len__(self) -> int:
        self._purge_expired()
        return len(self._data)

    def __contains__(self, key: Hashable) -> bool:
        """Membership does not count as a use and does not touch the stats."""
        entry = self._data.get(key)
        return entry is not None and not self._expired(entry)

    def _expired(self, entry: tuple[Any, float | None]) -> bool:
        expires_at = entry[1]
        return expires_at is not None and self.clock() >= expires_at

    def _purge_expired(self) -> int:
        dead = [key for key, entry in self._data.items() if self._expired(entry)]
        for key in dead:
            del self._data[key]
        self.stats.expirations += len(dead)
        return len(dead)

    def get(self, key: Hashable, default: Any = None) -> Any:
        """The cached value, or `default` when absent or expired."""
        entry = self._data.get(key, _MISSING)
        if entry is _MISSING:
            self.stats.misses += 1
            return default
        if self._expired(entry):
            del self._data[key]
            self.stats.expirations += 1
            self.stats.misses += 1
            return default
        self.stats.hits += 1
        return entry[0]

    def put(self, key: Hashable, value: Any, ttl: float | None = None) -> None:
        """Store `value`; `ttl` (or the cache's default_ttl) in seconds, None for no expiry."""
        ttl = self.default_ttl if ttl is None else ttl
        expires_at = None if ttl is None else self.clock() + ttl
        if key in self._data:
            self._data.move_to_end(key)
        self._data[key] = (value, expires_at)
        if len(self._data) > self.capacity:
            self._purge_expired()
        while len(self._data) > self.capacity:
            self._data.popitem(last=False)
            self.stats.evictions += 1

    def get_or_compute(self, key: Hashable, compute: Callable[[], Any], ttl: float | None = None) -> Any:
        """The cached value, computing and storing it on a miss."""
        value = self.get(key, _MISSING)
        if value is _MISSING:
            value = compute()
            self.put(key, value, ttl)
        return value

    def pop(self, key: Hashable, default: Any = None) -> Any:
        entry = self._data.pop(key, _MISSING)
        if entry is _MISSING or self._expired(entry):
            return default
        return entry[0]

    def clear(self) -> None:
        self._data.clear()

    def keys(self) -> list[Hashable]:
        """Live keys from least to most recently used."""
        self._purge_expired()
        return list(self._data)
