"""A fixed-size window of the latest readings, with running statistics."""

from __future__ import annotations

import math
from collections import deque


class RollingWindow:
    """Keeps the last `size` readings and their running sum."""

    def __init__(self, size: int) -> None:
        if size < 1:
            raise ValueError("size must be at least 1")
        self.size = size
        self._values: deque[float] = deque()
        self._sum = 0.0

    def __len__(self) -> int:
        return len(self._values)

    def mean(self) -> float | None:
        """Mean of the stored readings, None when there are none."""
        return self._sum / len(self._values) if self._values else None

    def push(self, value: float) -> float | None:
        """Store a reading and return the new mean of the window.

        When the window already holds `size` readings, the oldest one is dropped
        first (and taken out of the running sum `_sum`). A NaN reading is
        ignored: nothing is stored and the current mean is returned (None while
        the window is empty).
        """
        pass

    def is_full(self) -> bool:
        return len(self._values) == self.size

    def minimum(self) -> float | None:
        return min(self._values) if self._values else None

    def maximum(self) -> float | None:
        return max(self._values) if self._values else None

    def spread(self) -> float | None:
        """Largest minus smallest reading in the window."""
        if not self._values:
            return None
        return max(self._values) - min(self._values)

    def stdev(self) -> float | None:
        """Population standard deviation of the window, None when empty."""
        mean = self.mean()
        if mean is None:
            return None
        return math.sqrt(sum((v - mean) ** 2 for v in self._values) / len(self._values))

    def values(self) -> list[float]:
        """Readings in the window, oldest first."""
        return list(self._values)

    def clear(self) -> None:
        self._values.clear()
        self._sum = 0.0
