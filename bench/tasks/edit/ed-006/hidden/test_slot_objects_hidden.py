import pytest

from booking.calendar import BookingConflict, DayCalendar
from booking.models import Slot
from booking.slots import parse_slot, parse_slot_list


def test_parse_slot_returns_slot():
    slot = parse_slot("09:00-10:30")
    assert isinstance(slot, Slot)
    assert (slot.start, slot.end, slot.duration) == (540, 630, 90)
    with pytest.raises(ValueError):
        parse_slot("10:00-09:00")
    with pytest.raises(ValueError):
        parse_slot("10:00")


def test_parse_slot_list_returns_sorted_slots():
    slots = parse_slot_list("13:00-17:00, 8am-12pm")
    assert slots == [Slot(480, 720), Slot(780, 1020)]
    assert all(isinstance(s, Slot) for s in slots)


def test_calendar_booking_flow():
    cal = DayCalendar("Blue room", "08:00-12:00, 13:00-18:00")
    assert cal.is_free("09:00-10:00")
    cal.book("ana", "09:00-10:00", note="standup")
    assert not cal.is_free("09:30-10:30")
    assert not cal.is_free("12:00-13:00")
    with pytest.raises(BookingConflict):
        cal.book("bo", "09:30-10:30")
    with pytest.raises(BookingConflict):
        cal.book("bo", "11:30-12:30")
    cal.book("bo", "13:00-14:00")
    assert cal.agenda() == ["09:00-10:00 ana (standup)", "13:00-14:00 bo"]
    assert cal.free_slots(min_minutes=60) == ["08:00-09:00", "10:00-12:00", "14:00-18:00"]
    assert cal.cancel("ana", "9:00-10:00")
    assert not cal.cancel("ana", "09:00-10:00")
    assert cal.free_slots() == ["08:00-12:00", "14:00-18:00"]
