"""Half-open time intervals [start, end) and helpers on lists of them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Interval:
    start: dt.datetime
    end: dt.datetime

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"interval ends before it starts: {self.start} > {self.end}")

    @property
    def duration(self) -> dt.timedelta:
        return self.end - self.start

    def overlaps(self, other: Interval) -> bool:
        """True when the two share some time; intervals that only touch do not overlap."""
        return self.start < other.end and other.start < self.end

    def contains(self, moment: dt.datetime) -> bool:
        return self.start <= moment < self.end

    def covers(self, other: Interval) -> bool:
        """True when `other` lies entirely inside this interval."""
        return self.start <= other.start and other.end <= self.end


def merge(intervals: list[Interval]) -> list[Interval]:
    """Sort the intervals and join the ones that overlap or touch."""
    merged: list[Interval] = []
    for current in sorted(intervals):
        if merged and current.start <= merged[-1].end:
            last = merged[-1]
            merged[-1] = Interval(last.start, max(last.end, current.end))
        else:
            merged.append(current)
    return merged


def total_duration(intervals: list[Interval]) -> dt.timedelta:
    """Time covered by the intervals, counting overlapping time once."""
    return sum((i.duration for i in merge(intervals)), dt.timedelta())
