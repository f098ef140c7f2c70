"""Clocks the limiters read time from; tests use ManualClock."""

from __future__ import annotations

import time


class MonotonicClock:
    """Seconds from an arbitrary start, never going backwards."""

    def now(self) -> float:
        return time.monotonic()


class ManualClock:
    """A clock that only moves when told to."""

    def __init__(self, start: float = 0.0) -> None:
        self._now = start

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a clock cannot go backwards")
        self._now += seconds
