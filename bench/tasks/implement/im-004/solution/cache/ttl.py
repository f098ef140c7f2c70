"""TTLCache: a bounded key/value cache whose entries expire.

Time is passed in explicitly (`now`, in seconds) so the cache is easy to test
and can run on any clock.
"""

from __future__ import annotations

from typing import Any, Hashable

from .entry import Entry

_MISSING = object()


class TTLCache:
    def __init__(self, default_ttl: float | None = 60.0, max_entries: int = 1024) -> None:
        if max_entries < 1:
            raise ValueError("max_entries must be at least 1")
        self.default_ttl = default_ttl
        self.max_entries = max_entries
        self._entries: dict[Hashable, Entry] = {}
        self.hits = 0
        self.misses = 0
        self.expired_count = 0

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._entries

    def set(self, key: Hashable, value: Any, now: float, ttl: float | None | object = _MISSING) -> None:
        """Store `value`; `ttl` defaults to the cache's default_ttl (None: never expires)."""
        if key not in self._entries and len(self._entries) >= self.max_entries:
            self.purge_expired(now)
            if len(self._entries) >= self.max_entries:
                oldest = min(self._entries, key=lambda k: self._entries[k].stored_at)
                del self._entries[oldest]
        chosen = self.default_ttl if ttl is _MISSING else ttl
        self._entries[key] = Entry(value, now, chosen)

    def get(self, key: Hashable, now: float, default: Any = None) -> Any:
        entry = self._entries.get(key)
        if entry is None or entry.is_expired(now):
            if entry is not None:
                del self._entries[key]
                self.expired_count += 1
            self.misses += 1
            return default
        entry.hits += 1
        self.hits += 1
        return entry.value

    def purge_expired(self, now: float) -> list[Hashable]:
        """Remove every entry that has expired at time `now`.

        Expiry is decided by `Entry.is_expired` (cache/entry.py): an entry whose
        deadline is exactly `now` is expired, an entry stored without ttl never
        expires. Adds the number of removed entries to `expired_count` and
        returns the removed keys, sorted.
        """
        gone = [key for key, entry in self._entries.items() if entry.is_expired(now)]
        for key in gone:
            del self._entries[key]
        self.expired_count += len(gone)
        return sorted(gone)

    def hit_rate(self) -> float:
        total = self.hits + self.misses
        return self.hits / total if total else 0.0
