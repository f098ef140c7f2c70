"""One cached value and its expiry rule."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class Entry:
    value: Any
    stored_at: float
    ttl: float | None = None  # seconds; None means the entry never expires
    hits: int = 0

    def expires_at(self) -> float | None:
        return None if self.ttl is None else self.stored_at + self.ttl

    def is_expired(self, now: float) -> bool:
        """True once `now` has reached the expiry time (the expiry instant itself counts as expired)."""
        deadline = self.expires_at()
        return deadline is not None and now >= deadline

    def remaining(self, now: float) -> float | None:
        deadline = self.expires_at()
        return None if deadline is None else max(deadline - now, 0.0)
