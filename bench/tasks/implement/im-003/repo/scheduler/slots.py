"""A calendar for one meeting room: working hours, bookings, free slots."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .intervals import Interval, total_duration


class SlotTaken(Exception):
    """Raised when a booking overlaps an existing one."""


class OutsideWorkingHours(Exception):
    """Raised when a booking does not fit in one working day."""


@dataclass(frozen=True)
class Meeting:
    title: str
    when: Interval
    organizer: str = ""

    def describe(self) -> str:
        start = self.when.start.strftime("%H:%M")
        end = self.when.end.strftime("%H:%M")
        who = f" ({self.organizer})" if self.organizer else ""
        return f"{start}-{end} {self.title}{who}"


@dataclass
class Calendar:
    room: str
    day_start: dt.time = dt.time(9, 0)
    day_end: dt.time = dt.time(17, 0)
    workdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})  # Monday=0 .. Friday=4
    meetings: list[Meeting] = field(default_factory=list)

    # --- working hours -------------------------------------------------

    def is_workday(self, day: dt.date) -> bool:
        return day.weekday() in self.workdays

    def working_window(self, day: dt.date) -> Interval:
        """The working hours of `day` as an Interval."""
        return Interval(dt.datetime.combine(day, self.day_start), dt.datetime.combine(day, self.day_end))

    # --- bookings ------------------------------------------------------

    def busy_on(self, day: dt.date) -> list[Interval]:
        """The booked intervals that start on `day`, in start order."""
        return sorted(m.when for m in self.meetings if m.when.start.date() == day)

    def conflicts(self, when: Interval) -> list[Meeting]:
        return [m for m in self.meetings if m.when.overlaps(when)]

    def book(self, start: dt.datetime, duration: dt.timedelta, title: str, organizer: str = "") -> Meeting:
        """Book the room; raises SlotTaken or OutsideWorkingHours."""
        when = Interval(start, start + duration)
        if not self.is_workday(start.date()) or not self.working_window(start.date()).covers(when):
            raise OutsideWorkingHours(f"{title}: {start:%a %H:%M} is outside working hours")
        clash = self.conflicts(when)
        if clash:
            raise SlotTaken(f"{title} overlaps {clash[0].title}")
        meeting = Meeting(title, when, organizer)
        self.meetings.append(meeting)
        return meeting

    def cancel(self, title: str) -> int:
        """Cancel every meeting with this title; returns how many were cancelled."""
        before = len(self.meetings)
        self.meetings = [m for m in self.meetings if m.title != title]
        return before - len(self.meetings)

    # --- queries -------------------------------------------------------

    def next_free_slot(
        self, after: dt.datetime, duration: dt.timedelta, search_days: int = 14
    ) -> dt.datetime | None:
        """The earliest start time at or after `after` for a meeting of `duration`.

        The meeting must lie inside the working hours of a single workday
        (see `working_window` and `is_workday`) and must not overlap any booked
        meeting. A meeting may start exactly when another ends (intervals that
        only touch do not overlap). Days are searched from `after`'s date on, for
        at most `search_days` days; returns None when no slot is found.
        """
        raise NotImplementedError

    def book_next(self, after: dt.datetime, duration: dt.timedelta, title: str, organizer: str = "") -> Meeting:
        """Book the first free slot at or after `after`."""
        start = self.next_free_slot(after, duration)
        if start is None:
            raise SlotTaken(f"no free slot for {title}")
        return self.book(start, duration, title, organizer)

    def agenda(self, day: dt.date) -> list[str]:
        """One line per meeting of the day, in time order."""
        todays = sorted((m for m in self.meetings if m.when.start.date() == day), key=lambda m: m.when)
        return [m.describe() for m in todays]

    def utilization(self, day: dt.date) -> float:
        """Share of the day's working hours that is booked (0.0 to 1.0)."""
        window = self.working_window(day)
        booked = total_duration(self.busy_on(day))
        return booked / window.duration if window.duration else 0.0
