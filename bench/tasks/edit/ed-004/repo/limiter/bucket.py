"""Rate limiting primitives: a token bucket, a sliding window log, and per-key limiters.

All classes take a `clock` (seconds as a float) so tests can drive time by hand.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable, Hashable

Clock = Callable[[], float]


class TokenBucket:
    """Allows on average `rate` events per `per` seconds.

    The bucket holds at most `capacity` tokens and starts full; each event
    takes one token and tokens flow back in continuously.
    """

    def __init__(self, rate: float, per: float = 1.0, clock: Clock = time.monotonic) -> None:
        if rate <= 0 or per <= 0:
            raise ValueError("rate and per must be positive")
        self.rate = float(rate)
        self.per = float(per)
        self.clock = clock
        self.capacity = float(rate)
        self.tokens = self.capacity
        self.updated = clock()

    @property
    def refill_per_second(self) -> float:
        return self.rate / self.per

    def _refill(self) -> None:
        now = self.clock()
        elapsed = max(0.0, now - self.updated)
        self.tokens = min(self.capacity, self.tokens + elapsed * self.refill_per_second)
        self.updated = now

    def available(self) -> float:
        """Tokens in the bucket right now."""
        self._refill()
        return self.tokens

    def try_acquire(self, n: int = 1) -> bool:
        """Take `n` tokens if there are enough; False (and take nothing) otherwise."""
        if n > self.capacity:
            raise ValueError(f"cannot take {n} tokens from a bucket of {self.capacity:g}")
        self._refill()
        if self.tokens >= n:
            self.tokens -= n
            return True
        return False

    def wait_time(self, n: int = 1) -> float:
        """Seconds until `n` tokens will be available (0.0 when they are now)."""
        self._refill()
        missing = n - self.tokens
        if missing <= 0:
            return 0.0
        return missing / self.refill_per_second

    def reset(self) -> None:
        """Fill the bucket back up."""
        self.tokens = self.capacity
        self.updated = self.clock()


class SlidingWindowLog:
    """At most `limit` events in any window of `window` seconds (exact, keeps timestamps)."""

    def __init__(self, limit: int, window: float, clock: Clock = time.monotonic) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("limit must be >= 1 and window positive")
        self.limit = limit
        self.window = window
        self.clock = clock
        self.events: deque[float] = deque()

    def _trim(self, now: float) -> None:
        while self.events and self.events[0] <= now - self.window:
            self.events.popleft()

    def try_acquire(self) -> bool:
        now = self.clock()
        self._trim(now)
        if len(self.events) < self.limit:
            self.events.append(now)
            return True
        return False

    def wait_time(self) -> float:
        now = self.clock()
        self._trim(now)
        if len(self.events) < self.limit:
            return 0.0
        return self.events[0] + self.window - now


class KeyedLimiter:
    """One token bucket per key (client address, API key, ...).

    Buckets that have been idle long enough to be full again are dropped by
    `prune`, which also runs whenever the number of keys passes `max_keys`.
    """

    def __init__(
        self,
        rate: float,
        per: float = 1.0,
        clock: Clock = time.monotonic,
        max_keys: int = 10_000,
    ) -> None:
        self.rate = rate
        self.per = per
        self.clock = clock
        self.max_keys = max_keys
        self.buckets: dict[Hashable, TokenBucket] = {}

    def bucket(self, key: Hashable) -> TokenBucket:
        found = self.buckets.get(key)
        if found is None:
            if len(self.buckets) >= self.max_keys:
                self.prune()
            found = self.buckets[key] = TokenBucket(self.rate, self.per, self.clock)
        return found

    def allow(self, key: Hashable) -> bool:
        """True when the request from `key` may go ahead (and count it)."""
        return self.bucket(key).try_acquire()

    def retry_after(self, key: Hashable) -> int:
        """Whole seconds a refused client should wait, at least 1."""
        return max(1, math.ceil(self.bucket(key).wait_time()))

    def prune(self) -> int:
        """Forget the buckets that are full again; returns how many were dropped."""
        full = [key for key, b in self.buckets.items() if b.available() >= b.capacity]
        for key in full:
            del self.buckets[key]
        return len(full)
