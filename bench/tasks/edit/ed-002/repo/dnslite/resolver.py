"""Stub resolver: answers from the cache, or asks upstream and caches the answer."""

from __future__ import annotations

from collections.abc import Callable

from .cache import TTLCache
from .records import Record, normalize_name

# Negative answers (no records) are cached too, for this many seconds.
NEGATIVE_TTL = 60

Upstream = Callable[[str, str], list[Record]]


class Resolver:
    def __init__(self, upstream: Upstream, cache: TTLCache | None = None) -> None:
        self.upstream = upstream
        self.cache = cache if cache is not None else TTLCache()
        self.queries_sent = 0

    def resolve(self, name: str, rtype: str = "A") -> list[Record]:
        """Records of `rtype` for `name`; an empty list when upstream has none.

        Answers are cached for the smallest TTL among the records, and
        negative answers for NEGATIVE_TTL seconds.
        """
        key = (normalize_name(name), rtype)
        try:
            return self.cache.get(key)
        except KeyError:
            pass
        self.queries_sent += 1
        records = self.upstream(key[0], rtype)
        ttl = min(r.ttl for r in records) if records else NEGATIVE_TTL
        self.cache.set(key, records, ttl)
        return records

    def addresses(self, name: str) -> list[str]:
        """IPv4 then IPv6 addresses of `name`, following one CNAME if present."""
        found = []
        for rtype in ("A", "AAAA"):
            records = self.resolve(name, rtype)
            if not records:
                alias = self.resolve(name, "CNAME")
                if alias:
                    records = self.resolve(alias[0].data, rtype)
            found.extend(r.data for r in records)
        return found

    def forget(self, name: str) -> None:
        """Drop every cached answer for `name`."""
        name = normalize_name(name)
        for rtype in ("A", "AAAA", "CNAME", "MX", "TXT"):
            self.cache.delete((name, rtype))
