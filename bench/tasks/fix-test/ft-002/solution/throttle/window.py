"""Sliding-window rate limiting.

A client may make at most `limit` requests in any `window` seconds. A request
made at time t counts against the limit during [t, t + window): at exactly
t + window it has expired and no longer counts.
"""

from __future__ import annotations

from collections import deque

from .clock import MonotonicClock


class SlidingWindowLimiter:
    def __init__(self, limit: int, window: float, clock=None) -> None:
        if limit < 1:
            raise ValueError("limit must be at least 1")
        if window <= 0:
            raise ValueError("window must be positive")
        self.limit = limit
        self.window = window
        self.clock = clock or MonotonicClock()
        self._hits: dict[str, deque[float]] = {}

    def _evict(self, client: str, now: float) -> deque[float]:
        """Drop the client's requests that have left the window; returns what is left."""
        hits = self._hits.setdefault(client, deque())
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        return hits

    def allow(self, client: str) -> bool:
        """Record a request and say whether it is allowed; refused requests are not recorded."""
        now = self.clock.now()
        hits = self._evict(client, now)
        if len(hits) >= self.limit:
            return False
        hits.append(now)
        return True

    def remaining(self, client: str) -> int:
        """How many more requests the client may make right now."""
        return self.limit - len(self._evict(client, self.clock.now()))

    def retry_after(self, client: str) -> float:
        """Seconds until the client may make a request again (0 when it may now)."""
        now = self.clock.now()
        hits = self._evict(client, now)
        if len(hits) < self.limit:
            return 0.0
        return hits[0] + self.window - now

    def reset(self, client: str) -> None:
        self._hits.pop(client, None)

    def clients(self) -> list[str]:
        """Clients with at least one request still in the window."""
        now = self.clock.now()
        return sorted(c for c in list(self._hits) if self._evict(c, now))


class LimiterGroup:
    """Several limits applied together, e.g. 10 per second and 500 per hour."""

    def __init__(self, *limiters: SlidingWindowLimiter) -> None:
        self.limiters = limiters

    def allow(self, client: str) -> bool:
        if any(lim.remaining(client) <= 0 for lim in self.limiters):
            return False
        for lim in self.limiters:
            lim.allow(client)
        return True

    def retry_after(self, client: str) -> float:
        return max((lim.retry_after(client) for lim in self.limiters), default=0.0)
