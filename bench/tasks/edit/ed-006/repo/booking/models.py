"""Value objects for bookings. Times are minutes after midnight."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Slot:
    """A half-open interval [start, end) of minutes after midnight."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end <= 24 * 60:
            raise ValueError(f"bad slot {self.start}-{self.end}")

    @property
    def duration(self) -> int:
        return self.end - self.start

    def overlaps(self, other: Slot) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Slot) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True)
class Booking:
    who: str
    slot: Slot
    note: str = ""
