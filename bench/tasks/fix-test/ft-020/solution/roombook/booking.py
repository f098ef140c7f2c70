"""Rooms and their bookings.

A booking holds a room on one day from `start` to `end` (minutes since
midnight, see timeslots.py). The interval is half-open: a booking from
09:00 to 10:00 ends as the 10:00 booking begins, so back-to-back bookings
do not conflict. Two bookings of the same room conflict when their times
overlap by at least one minute.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Iterable

from .timeslots import CLOSE, GRANULARITY, OPEN, duration_text, format_hhmm, on_grid, parse_hhmm


class BookingError(ValueError):
    """A booking that cannot be made: unknown room, bad times, a conflict, too many people."""


@dataclass(frozen=True)
class Room:
    name: str
    capacity: int
    features: frozenset[str] = frozenset()
    floor: int = 0

    def has(self, features: Iterable[str]) -> bool:
        return set(features) <= self.features


@dataclass(frozen=True)
class Booking:
    booking_id: int
    room: str
    day: dt.date
    start: int
    end: int
    organiser: str
    title: str = ""
    attendees: int = 1
    series: int | None = None

    @property
    def minutes(self) -> int:
        return self.end - self.start

    def when(self) -> str:
        return f"{self.day} {format_hhmm(self.start)}-{format_hhmm(self.end)}"

    def __str__(self) -> str:
        title = f" {self.title}" if self.title else ""
        return f"#{self.booking_id} {self.room} {self.when()}{title} ({self.organiser})"


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """True when the half-open intervals [a_start, a_end) and [b_start, b_end) share a minute."""
    return a_start < b_end and b_start < a_end


def _times(start: int | str, end: int | str) -> tuple[int, int]:
    s = parse_hhmm(start) if isinstance(start, str) else start
    e = parse_hhmm(end) if isinstance(end, str) else end
    return s, e


@dataclass
class Office:
    """All rooms and bookings of one office."""

    name: str
    rooms: dict[str, Room] = field(default_factory=dict)
    _bookings: dict[int, Booking] = field(default_factory=dict)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(1))
    _series_ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    # rooms -----------------------------------------------------------

    def add_room(self, name: str, capacity: int, features: Iterable[str] = (), floor: int = 0) -> Room:
        if name in self.rooms:
            raise BookingError(f"room {name!r} exists already")
        if capacity < 1:
            raise BookingError("a room holds at least one person")
        room = Room(name, capacity, frozenset(features), floor)
        self.rooms[name] = room
        return room

    def room(self, name: str) -> Room:
        try:
            return self.rooms[name]
        except KeyError:
            raise BookingError(f"no room called {name!r}") from None

    # checking --------------------------------------------------------

    def _validate(self, room: str, day: dt.date, start: int, end: int, attendees: int) -> Room:
        found = self.room(room)
        if not (OPEN <= start < end <= CLOSE):
            raise BookingError(
                f"{format_hhmm(start)}-{format_hhmm(end)} is not within opening hours "
                f"{format_hhmm(OPEN)}-{format_hhmm(CLOSE)}"
            )
        if not (on_grid(start) and on_grid(end)):
            raise BookingError(f"bookings start and end on multiples of {GRANULARITY} minutes")
        if day.weekday() >= 5:
            raise BookingError(f"the office is closed on {day:%A}s")
        if attendees > found.capacity:
            raise BookingError(f"{found.name} holds {found.capacity}, not {attendees}")
        return found

    def conflicts(
        self, room: str, day: dt.date, start: int, end: int, ignore: int | None = None
    ) -> list[Booking]:
        """Bookings of `room` on `day` that overlap [start, end), except booking `ignore`."""
        return [
            b
            for b in self.bookings_for(room, day)
            if b.booking_id != ignore and overlaps(start, end, b.start, b.end)
        ]

    def is_free(self, room: str, day: dt.date, start: int | str, end: int | str) -> bool:
        s, e = _times(start, end)
        return not self.conflicts(room, day, s, e)

    # booking ---------------------------------------------------------

    def book(
        self,
        room: str,
        day: dt.date,
        start: int | str,
        end: int | str,
        organiser: str,
        title: str = "",
        attendees: int = 1,
        series: int | None = None,
    ) -> Booking:
        """Book a room; raises BookingError when it cannot be done."""
        s, e = _times(start, end)
        self._validate(room, day, s, e, attendees)
        clash = self.conflicts(room, day, s, e)
        if clash:
            raise BookingError(f"{room} is taken {day} by {', '.join(str(b) for b in clash)}")
        booking = Booking(next(self._ids), room, day, s, e, organiser, title, attendees, series)
        self._bookings[booking.booking_id] = booking
        return booking

    def cancel(self, booking_id: int) -> Booking:
        try:
            return self._bookings.pop(booking_id)
        except KeyError:
            raise BookingError(f"no booking #{booking_id}") from None

    def get(self, booking_id: int) -> Booking:
        try:
            return self._bookings[booking_id]
        except KeyError:
            raise BookingError(f"no booking #{booking_id}") from None

    def move(
        self,
        booking_id: int,
        start: int | str | None = None,
        end: int | str | None = None,
        room: str | None = None,
        day: dt.date | None = None,
    ) -> Booking:
        """Change a booking's time, room or day; the booking keeps its id.

        When only `start` is given the booking keeps its length.
        """
        old = self.get(booking_id)
        new_start = old.start if start is None else _times(start, start)[0]
        if end is None:
            new_end = new_start + old.minutes
        else:
            new_end = _times(end, end)[0]
        new = replace(old, start=new_start, end=new_end, room=room or old.room, day=day or old.day)
        self._validate(new.room, new.day, new.start, new.end, new.attendees)
        clash = self.conflicts(new.room, new.day, new.start, new.end, ignore=booking_id)
        if clash:
            raise BookingError(f"cannot move #{booking_id}: clashes with {', '.join(str(b) for b in clash)}")
        self._bookings[booking_id] = new
        return new

    def extend(self, booking_id: int, minutes: int) -> Booking:
        """Make a booking longer (or shorter, for negative minutes) at its end."""
        old = self.get(booking_id)
        return self.move(booking_id, start=old.start, end=old.end + minutes)

    # weekly series ---------------------------------------------------

    def book_weekly(
        self,
        room: str,
        first_day: dt.date,
        weeks: int,
        start: int | str,
        end: int | str,
        organiser: str,
        title: str = "",
        attendees: int = 1,
        skip_conflicts: bool = False,
    ) -> list[Booking]:
        """The same slot every week for `weeks` weeks.

        With skip_conflicts, weeks whose slot is taken are left out; without
        it, any conflict books nothing and raises BookingError.
        """
        s, e = _times(start, end)
        days = [first_day + dt.timedelta(weeks=i) for i in range(weeks)]
        taken = [day for day in days if self.conflicts(room, day, s, e)]
        if taken and not skip_conflicts:
            raise BookingError(f"{room} is taken on {', '.join(str(d) for d in taken)}")
        series = next(self._series_ids)
        made = []
        for day in days:
            if day in taken:
                continue
            made.append(self.book(room, day, s, e, organiser, title, attendees, series))
        return made

    def cancel_series(self, series: int, from_day: dt.date | None = None) -> list[Booking]:
        """Cancel a series' bookings (only those on or after `from_day` when given)."""
        doomed = [
            b
            for b in self._bookings.values()
            if b.series == series and (from_day is None or b.day >= from_day)
        ]
        for b in doomed:
            del self._bookings[b.booking_id]
        return sorted(doomed, key=lambda b: (b.day, b.start))

    # queries ---------------------------------------------------------

    def bookings_for(self, room: str, day: dt.date) -> list[Booking]:
        """The room's bookings on `day`, by start time."""
        return sorted(
            (b for b in self._bookings.values() if b.room == room and b.day == day),
            key=lambda b: b.start,
        )

    def bookings_on(self, day: dt.date) -> list[Booking]:
        return sorted((b for b in self._bookings.values() if b.day == day), key=lambda b: (b.start, b.room))

    def bookings_by(self, organiser: str) -> list[Booking]:
        return sorted(
            (b for b in self._bookings.values() if b.organiser == organiser),
            key=lambda b: (b.day, b.start, b.room),
        )

    def free_slots(self, room: str, day: dt.date, min_minutes: int = GRANULARITY) -> list[tuple[int, int]]:
        """Gaps of at least `min_minutes` between the room's bookings within opening hours."""
        self.room(room)
        slots = []
        cursor = OPEN
        for b in self.bookings_for(room, day):
            if b.start - cursor >= min_minutes:
                slots.append((cursor, b.start))
            cursor = max(cursor, b.end)
        if CLOSE - cursor >= min_minutes:
            slots.append((cursor, CLOSE))
        return slots

    def first_free(self, room: str, day: dt.date, minutes: int, not_before: int | str = OPEN) -> int | None:
        """The earliest start (on the grid) for a `minutes` long booking, or None."""
        earliest = parse_hhmm(not_before) if isinstance(not_before, str) else not_before
        earliest += -earliest % GRANULARITY
        for slot_start, slot_end in self.free_slots(room, day, minutes):
            start = max(slot_start, earliest)
            if slot_end - start >= minutes:
                return start
        return None

    def find_room(
        self,
        day: dt.date,
        start: int | str,
        end: int | str,
        attendees: int = 1,
        features: Iterable[str] = (),
    ) -> list[Room]:
        """Rooms that are free, big enough and equipped; smallest suitable room first."""
        s, e = _times(start, end)
        wanted = set(features)
        fits = [
            room
            for room in self.rooms.values()
            if room.capacity >= attendees and room.has(wanted) and not self.conflicts(room.name, day, s, e)
        ]
        return sorted(fits, key=lambda r: (r.capacity, r.floor, r.name))

    def utilisation(self, room: str, day: dt.date) -> float:
        """Share of the opening hours the room is booked, 0.0 to 1.0."""
        booked = sum(b.minutes for b in self.bookings_for(room, day))
        return booked / (CLOSE - OPEN)

    def busiest_rooms(self, days: Iterable[dt.date], n: int = 3) -> list[tuple[str, int]]:
        """Rooms by total booked minutes over `days`, most booked first."""
        wanted = set(days)
        minutes: dict[str, int] = defaultdict(int)
        for b in self._bookings.values():
            if b.day in wanted:
                minutes[b.room] += b.minutes
        return sorted(minutes.items(), key=lambda item: (-item[1], item[0]))[:n]

    def double_booked_people(self, day: dt.date) -> dict[str, list[Booking]]:
        """Organisers with two overlapping bookings (in any rooms) on `day`."""
        by_person: dict[str, list[Booking]] = defaultdict(list)
        for b in self.bookings_on(day):
            by_person[b.organiser].append(b)
        result = {}
        for person, bookings in by_person.items():
            clashing: dict[int, Booking] = {}
            for x, y in itertools.combinations(bookings, 2):
                if overlaps(x.start, x.end, y.start, y.end):
                    clashing[x.booking_id] = x
                    clashing[y.booking_id] = y
            if clashing:
                result[person] = sorted(clashing.values(), key=lambda b: (b.start, b.room))
        return dict(sorted(result.items()))

    # text ------------------------------------------------------------

    def agenda(self, day: dt.date) -> str:
        """The day's bookings, room by room, as printed on the lobby screen."""
        lines = [f"{self.name} - {day:%A %d %B %Y}"]
        for name in sorted(self.rooms):
            bookings = self.bookings_for(name, day)
            lines.append(f"{name}:")
            if not bookings:
                lines.append("  free all day")
            for b in bookings:
                title = b.title or "(no title)"
                lines.append(
                    f"  {format_hhmm(b.start)}-{format_hhmm(b.end)}  {title}  "
                    f"[{b.organiser}, {duration_text(b.minutes)}]"
                )
        return "\n".join(lines)

    def import_lines(self, text: str, day: dt.date) -> tuple[list[Booking], list[str]]:
        """Book 'Room 09:00-10:00 organiser title...' lines; returns (made, errors)."""
        made: list[Booking] = []
        errors: list[str] = []
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            try:
                room, span, organiser, *title = line.split()
                start, _, end = span.partition("-")
                made.append(self.book(room, day, start, end, organiser, " ".join(title)))
            except (ValueError, BookingError) as exc:
                errors.append(f"line {number}: {exc}")
        return made, errors


@dataclass(frozen=True)
class WaitlistEntry:
    person: str
    room: str
    day: dt.date
    start: int
    end: int
    title: str = ""


class Waitlist:
    """People waiting for a room that was taken; offered the slot when it frees up.

    Entries are kept in the order they were added; the first entry whose
    slot has become free is booked by `offer`.
    """

    def __init__(self, office: Office) -> None:
        self.office = office
        self.entries: list[WaitlistEntry] = []

    def join(
        self, person: str, room: str, day: dt.date, start: int | str, end: int | str, title: str = ""
    ) -> WaitlistEntry:
        s, e = _times(start, end)
        self.office.room(room)
        entry = WaitlistEntry(person, room, day, s, e, title)
        self.entries.append(entry)
        return entry

    def leave(self, person: str) -> int:
        """Remove all of a person's entries; returns how many there were."""
        before = len(self.entries)
        self.entries = [e for e in self.entries if e.person != person]
        return before - len(self.entries)

    def offer(self) -> list[Booking]:
        """Book every waiting entry whose slot is now free, first come first served."""
        made = []
        still_waiting = []
        for entry in self.entries:
            if self.office.conflicts(entry.room, entry.day, entry.start, entry.end):
                still_waiting.append(entry)
                continue
            try:
                made.append(self.office.book(entry.room, entry.day, entry.start, entry.end, entry.person, entry.title))
            except BookingError:
                still_waiting.append(entry)
        self.entries = still_waiting
        return made

    def cancel_and_offer(self, booking_id: int) -> list[Booking]:
        """Cancel a booking and hand its time to the waiting list."""
        self.office.cancel(booking_id)
        return self.offer()


def to_ics(bookings: Iterable[Booking], office_name: str) -> str:
    """A minimal iCalendar export of bookings (local times, no time zone)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//{office_name}//roombook//EN"]
    for b in sorted(bookings, key=lambda b: (b.day, b.start, b.room)):
        stamp = b.day.strftime("%Y%m%d")
        lines += [
            "BEGIN:VEVENT",
            f"UID:booking-{b.booking_id}@{office_name.lower().replace(' ', '-')}",
            f"DTSTART:{stamp}T{b.start // 60:02d}{b.start % 60:02d}00",
            f"DTEND:{stamp}T{b.end // 60:02d}{b.end % 60:02d}00",
            f"SUMMARY:{b.title or 'Booking'}",
            f"LOCATION:{b.room}",
            f"ORGANIZER:{b.organiser}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"
