import datetime as dt

import pytest

from roombook.booking import BookingError, Office

MON = dt.date(2024, 11, 4)


def office():
    o = Office("HQ")
    o.add_room("Oak", 6, {"screen"})
    o.add_room("Elm", 12, {"screen", "video"}, floor=1)
    return o


def test_simple_booking_and_clash():
    o = office()
    o.book("Oak", MON, "09:00", "10:00", "kim", "standup")
    with pytest.raises(BookingError):
        o.book("Oak", MON, "09:30", "10:30", "lee")


def test_back_to_back_bookings_are_allowed():
    o = office()
    o.book("Oak", MON, "09:00", "10:00", "kim")
    o.book("Oak", MON, "10:00", "11:00", "lee")
    o.book("Oak", MON, "08:00", "09:00", "max")
    assert [b.organiser for b in o.bookings_for("Oak", MON)] == ["max", "kim", "lee"]


def test_free_slots():
    o = office()
    o.book("Elm", MON, "10:00", "12:00", "kim")
    assert o.free_slots("Elm", MON, 60) == [(8 * 60, 10 * 60), (12 * 60, 19 * 60)]


def test_weekend_is_closed():
    with pytest.raises(BookingError):
        office().book("Oak", dt.date(2024, 11, 9), "09:00", "10:00", "kim")
