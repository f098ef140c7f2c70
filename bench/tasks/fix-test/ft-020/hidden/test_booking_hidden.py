import datetime as dt

import pytest

from roombook.booking import BookingError, Office, overlaps

TUE = dt.date(2024, 11, 5)


def office():
    o = Office("Annex")
    o.add_room("Birch", 4)
    o.add_room("Cedar", 8, {"video"})
    o.add_room("Maple", 20, {"video", "stage"}, floor=2)
    return o


def test_overlaps_is_half_open():
    assert not overlaps(540, 600, 600, 660)
    assert not overlaps(600, 660, 540, 600)
    assert overlaps(540, 601, 600, 660)
    assert overlaps(540, 660, 570, 600)
    assert overlaps(570, 600, 540, 660)


def test_adjacent_bookings_and_real_clash():
    o = office()
    o.book("Birch", TUE, "13:00", "14:00", "ana")
    o.book("Birch", TUE, "14:00", "14:30", "bo")
    o.book("Birch", TUE, "12:15", "13:00", "cy")
    with pytest.raises(BookingError):
        o.book("Birch", TUE, "13:45", "14:15", "di")
    assert o.is_free("Birch", TUE, "14:30", "15:00")
    assert not o.is_free("Birch", TUE, "14:15", "15:00")


def test_move_and_extend_up_to_next_booking():
    o = office()
    first = o.book("Cedar", TUE, "09:00", "10:00", "ana")
    o.book("Cedar", TUE, "11:00", "12:00", "bo")
    moved = o.move(first.booking_id, start="10:00")
    assert (moved.start, moved.end) == (600, 660)
    with pytest.raises(BookingError):
        o.extend(first.booking_id, 15)


def test_find_room_after_a_meeting_ends():
    o = office()
    o.book("Birch", TUE, "09:00", "10:00", "ana")
    o.book("Cedar", TUE, "10:00", "11:00", "bo")
    rooms = o.find_room(TUE, "10:00", "11:00", attendees=3)
    assert [r.name for r in rooms] == ["Birch", "Maple"]


def test_weekly_series_next_to_other_bookings():
    o = office()
    o.book("Maple", TUE + dt.timedelta(weeks=1), "15:00", "16:00", "cy")
    made = o.book_weekly("Maple", TUE, 3, "16:00", "17:00", "ana", "retro")
    assert len(made) == 3
    assert o.first_free("Maple", TUE + dt.timedelta(weeks=1), 60, "14:50") == 17 * 60


def test_double_booked_people_ignores_adjacent():
    o = office()
    o.book("Birch", TUE, "09:00", "10:00", "ana")
    o.book("Cedar", TUE, "10:00", "11:00", "ana")
    o.book("Maple", TUE, "10:30", "11:30", "ana")
    clashes = o.double_booked_people(TUE)
    assert [(b.room, b.start) for b in clashes["ana"]] == [("Cedar", 600), ("Maple", 630)]


def test_waitlist_gets_slot_next_to_remaining_booking():
    from roombook.booking import Waitlist

    o = office()
    keep = o.book("Birch", TUE, "09:00", "10:00", "ana")
    gone = o.book("Birch", TUE, "10:00", "11:00", "bo")
    wait = Waitlist(o)
    wait.join("cy", "Birch", TUE, "10:00", "11:00", "1:1")
    made = wait.cancel_and_offer(gone.booking_id)
    assert [(b.organiser, b.start) for b in made] == [("cy", 600)]
    assert wait.entries == []
    assert o.get(keep.booking_id).organiser == "ana"
