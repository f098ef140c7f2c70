"""A size-bounded cache whose entries expire after a time-to-live.

The clock is injectable so tests (and the resolver's simulations) can move
time forward without sleeping.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0
    evictions: int = 0
    expirations: int = 0

    @property
    def hit_ratio(self) -> float:
        total = self.hits + self.misses
        return self.hits / total if total else 0.0


class TTLCache:
    """Least-recently-used cache with a per-entry expiry time."""

    def __init__(
        self,
        max_entries: int = 1024,
        default_ttl: float = 300.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if max_entries < 1:
            raise ValueError("max_entries must be at least 1")
        self.max_entries = max_entries
        self.default_ttl = default_ttl
        self.clock = clock
        self.stats = CacheStats()
        self._entries: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()

    def set(self, key: Hashable, value: Any, ttl: float | None = None) -> None:
        """Store `value` for `ttl` seconds (the default TTL when None)."""
        ttl = self.default_ttl if ttl is None else ttl
        self._entries[key] = (self.clock() + ttl, value)
        self._entries.move_to_end(key)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)
            self.stats.evictions += 1

    def get(self, key: Hashable, default: Any = None) -> Any:
        """The live value for `key`; `default` when it is missing or expired."""
        entry = self._entries.get(key)
        if entry is None:
            self.stats.misses += 1
            return default
        expires, value = entry
        if expires <= self.clock():
            del self._entries[key]
            self.stats.expirations += 1
            self.stats.misses += 1
            return default
        self._entries.move_to_end(key)
        self.stats.hits += 1
        return value

    def get_many(self, keys: Iterable[Hashable]) -> dict[Hashable, Any]:
        """The live values among `keys`; missing and expired keys are left out."""
        missing = object()
        found = {}
        for key in keys:
            value = self.get(key, missing)
            if value is not missing:
                found[key] = value
        return found

    def delete(self, key: Hashable) -> bool:
        """Drop `key`; True when it was present."""
        return self._entries.pop(key, None) is not None

    def purge(self) -> int:
        """Remove every expired entry; returns how many were removed."""
        now = self.clock()
        dead = [key for key, (expires, _) in self._entries.items() if expires <= now]
        for key in dead:
            del self._entries[key]
        self.stats.expirations += len(dead)
        return len(dead)

    def ttl_left(self, key: Hashable) -> float:
        """Seconds until `key` expires, 0.0 when it is missing or expired."""
        entry = self._entries.get(key)
        if entry is None:
            return 0.0
        return max(0.0, entry[0] - self.clock())

    def clear(self) -> None:
        self._entries.clear()

    def __contains__(self, key: Hashable) -> bool:
        entry = self._entries.get(key)
        return entry is not None and entry[0] > self.clock()

    def __len__(self) -> int:
        now = self.clock()
        return sum(1 for expires, _ in self._entries.values() if expires > now)
