"""A token bucket: `capacity` tokens, refilled continuously at `rate` per second."""

from __future__ import annotations


class TokenBucket:
    def __init__(self, capacity: float, rate: float, now: float = 0.0) -> None:
        if capacity <= 0 or rate < 0:
            raise ValueError("capacity must be positive and rate not negative")
        self.capacity = float(capacity)
        self.rate = float(rate)
        self.tokens = float(capacity)  # a new bucket starts full
        self.updated = now

    @classmethod
    def per_minute(cls, requests: int, burst: int | None = None, now: float = 0.0) -> TokenBucket:
        """A bucket allowing `requests` per minute, with bursts of up to `burst` (default: requests)."""
        return cls(capacity=burst or requests, rate=requests / 60.0, now=now)

    def available(self, now: float) -> float:
        """Tokens in the bucket at `now` (refills, takes nothing)."""
        self._refill(now)
        return self.tokens

    def reset(self, now: float) -> None:
        """Fill the bucket up again."""
        self.tokens = self.capacity
        self.updated = now

    def _refill(self, now: float) -> None:
        elapsed = max(0.0, now - self.updated)
        self.tokens = min(self.capacity, self.tokens + elapsed * self.rate)
        self.updated = max(self.updated, now)

    def try_acquire(self, now: float, tokens: float = 1.0) -> bool:
        """Take `tokens` from the bucket at time `now` if enough are available.

        First refill with `_refill(now)` (a clock that goes backwards adds no
        tokens). Then, if at least `tokens` are in the bucket, remove them and
        return True; otherwise remove nothing and return False. Asking for more
        than `capacity` tokens can never succeed and raises ValueError.
        """
        raise NotImplementedError

    def wait_time(self, now: float, tokens: float = 1.0) -> float:
        """Seconds until `tokens` would be available (0.0 if they are now)."""
        self._refill(now)
        missing = tokens - self.tokens
        if missing <= 0:
            return 0.0
        if self.rate == 0:
            return float("inf")
        return missing / self.rate

    def fill_ratio(self, now: float) -> float:
        """How full the bucket is, from 0.0 (empty) to 1.0 (full)."""
        return self.available(now) / self.capacity

    def __repr__(self) -> str:
        return f"TokenBucket(capacity={self.capacity}, rate={self.rate}, tokens={self.tokens:.2f})"
