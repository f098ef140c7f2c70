"""Small statistics helpers (no numpy on the servers)."""

from __future__ import annotations

import math
from typing import Sequence


def percentile(sorted_values: Sequence[float], p: float) -> float:
    """The p-th percentile (0..100) of already sorted values, interpolating
    linearly between the two closest ranks (rank = p/100 * (n - 1)).
    """
    if not sorted_values:
        raise ValueError("no values")
    if not 0 <= p <= 100:
        raise ValueError("p must be within 0..100")
    rank = p / 100 * (len(sorted_values) - 1)
    low = math.floor(rank)
    high = min(low + 1, len(sorted_values) - 1)
    fraction = rank - low
    return sorted_values[low] + (sorted_values[high] - sorted_values[low]) * fraction


def mean(values: Sequence[float]) -> float:
    if not values:
        raise ValueError("no values")
    return sum(values) / len(values)


def exponential_bounds(start: float, factor: float, count: int) -> list[float]:
    """[start, start*factor, ...], `count` values."""
    if start <= 0 or factor <= 1 or count < 1:
        raise ValueError("need start > 0, factor > 1, count >= 1")
    return [start * factor**i for i in range(count)]


def linear_bounds(start: float, width: float, count: int) -> list[float]:
    if width <= 0 or count < 1:
        raise ValueError("need width > 0, count >= 1")
    return [start + width * i for i in range(count)]
