"""A text progress bar for long copies and downloads."""

from __future__ import annotations

import time
from collections.abc import Callable

from .durations import format_duration
from .sizes import format_bytes, format_rate


class ProgressBar:
    """Tracks `done` out of `total` bytes and renders a one-line status."""

    def __init__(self, total: int, width: int = 20, clock: Callable[[], float] = time.monotonic) -> None:
        if total <= 0:
            raise ValueError("total must be positive")
        self.total = total
        self.width = width
        self.clock = clock
        self.started = clock()
        self.done = 0

    def advance(self, count: int) -> None:
        self.done = min(self.total, self.done + count)

    @property
    def fraction(self) -> float:
        return self.done / self.total

    def elapsed(self) -> float:
        return self.clock() - self.started

    def eta(self) -> float | None:
        """Seconds left at the average speed so far; None before any progress."""
        if self.done == 0:
            return None
        elapsed = self.elapsed()
        return elapsed * (self.total - self.done) / self.done

    def bar(self) -> str:
        filled = int(self.fraction * self.width)
        return "[" + "#" * filled + "." * (self.width - filled) + "]"

    def status(self) -> str:
        """'[#####...] 25% 1.0 MiB/4.0 MiB 256.0 KiB/s elapsed 4s eta 12s'."""
        eta = self.eta()
        eta_text = "?" if eta is None else format_duration(eta, compact=True)
        return (
            f"{self.bar()} {int(self.fraction * 100):3d}% "
            f"{format_bytes(self.done)}/{format_bytes(self.total)} "
            f"{format_rate(self.done, self.elapsed())} "
            f"elapsed {format_duration(self.elapsed(), compact=True)} eta {eta_text}"
        )
