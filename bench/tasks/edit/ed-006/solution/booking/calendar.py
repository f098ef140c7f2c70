"""One room's bookings for one day."""

from __future__ import annotations

from .models import Booking, Slot
from .slots import format_slot, parse_slot, parse_slot_list, subtract


class BookingConflict(Exception):
    pass


class DayCalendar:
    """Bookings of one room within its opening hours, e.g. '08:00-12:00, 13:00-18:00'."""

    def __init__(self, room: str, opening_hours: str = "08:00-18:00") -> None:
        self.room = room
        self.opening = parse_slot_list(opening_hours)
        self.bookings: list[Booking] = []

    def is_open(self, slot: Slot) -> bool:
        return any(period.contains(slot) for period in self.opening)

    def is_free(self, text: str) -> bool:
        slot = parse_slot(text)
        return self.is_open(slot) and not any(b.slot.overlaps(slot) for b in self.bookings)

    def book(self, who: str, text: str, note: str = "") -> Booking:
        """Book the slot `text` ('10:00-11:00'); raises BookingConflict when it is taken or closed."""
        slot = parse_slot(text)
        if not self.is_open(slot):
            raise BookingConflict(f"{self.room} is closed during {format_slot(slot)}")
        for booking in self.bookings:
            if booking.slot.overlaps(slot):
                raise BookingConflict(f"{format_slot(slot)} overlaps {booking.who}'s booking")
        booking = Booking(who, slot, note)
        self.bookings.append(booking)
        self.bookings.sort(key=lambda b: b.slot)
        return booking

    def cancel(self, who: str, text: str) -> bool:
        slot = parse_slot(text)
        for booking in self.bookings:
            if booking.who == who and booking.slot == slot:
                self.bookings.remove(booking)
                return True
        return False

    def free_slots(self, min_minutes: int = 0) -> list[str]:
        """Free periods within opening hours, as text, at least `min_minutes` long."""
        free = subtract(self.opening, [b.slot for b in self.bookings])
        return [format_slot(s) for s in free if s.duration >= min_minutes]

    def agenda(self) -> list[str]:
        return [f"{format_slot(b.slot)} {b.who}" + (f" ({b.note})" if b.note else "") for b in self.bookings]
