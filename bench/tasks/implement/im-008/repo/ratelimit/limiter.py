"""Per-client limits built from token buckets."""

from __future__ import annotations

from .bucket import TokenBucket


class RateLimiter:
    """One bucket per client key, all with the same capacity and rate."""

    def __init__(self, capacity: float, rate: float) -> None:
        self.capacity = capacity
        self.rate = rate
        self._buckets: dict[str, TokenBucket] = {}
        self.rejected: dict[str, int] = {}

    def allow(self, key: str, now: float, cost: float = 1.0) -> bool:
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = TokenBucket(self.capacity, self.rate, now)
        ok = bucket.try_acquire(now, cost)
        if not ok:
            self.rejected[key] = self.rejected.get(key, 0) + 1
        return ok

    def clients(self) -> list[str]:
        return sorted(self._buckets)
