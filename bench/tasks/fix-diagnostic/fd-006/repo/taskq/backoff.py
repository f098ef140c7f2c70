"""Retry delays."""

from __future__ import annotations


def exponential(attempt: int, base: float = 1.0, factor: float = 2.0, cap: float = 300.0) -> float:
    """Delay before retry number `attempt` (1 for the first retry): base * factor**(attempt-1), capped."""
    if attempt < 1:
        raise ValueError("attempt starts at 1")
    return min(cap, base * factor ** (attempt - 1))
