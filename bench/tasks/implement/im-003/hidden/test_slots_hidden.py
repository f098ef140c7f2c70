import datetime as dt

from scheduler.slots import Calendar

MON = dt.date(2024, 3, 4)
HOUR = dt.timedelta(hours=1)


def at(day, h, m=0):
    return dt.datetime.combine(day, dt.time(h, m))


def test_empty_day_starts_at_opening():
    cal = Calendar("blue")
    assert cal.next_free_slot(at(MON, 7), HOUR) == at(MON, 9)


def test_after_inside_hours_is_kept():
    cal = Calendar("blue")
    assert cal.next_free_slot(at(MON, 10, 15), HOUR) == at(MON, 10, 15)


def test_starts_right_when_meeting_ends():
    cal = Calendar("blue")
    cal.book(at(MON, 9), HOUR, "standup")
    assert cal.next_free_slot(at(MON, 9), HOUR) == at(MON, 10)


def test_gap_too_small_is_skipped():
    cal = Calendar("blue")
    cal.book(at(MON, 9), HOUR, "a")
    cal.book(at(MON, 10, 30), HOUR, "b")
    assert cal.next_free_slot(at(MON, 9), HOUR) == at(MON, 11, 30)
    assert cal.next_free_slot(at(MON, 9), dt.timedelta(minutes=30)) == at(MON, 10)


def test_full_friday_rolls_over_weekend():
    fri = dt.date(2024, 3, 8)
    cal = Calendar("blue")
    cal.book(at(fri, 9), 8 * HOUR, "offsite")
    assert cal.next_free_slot(at(fri, 9), HOUR) == at(dt.date(2024, 3, 11), 9)


def test_too_late_in_day_goes_to_next_day():
    cal = Calendar("blue")
    assert cal.next_free_slot(at(MON, 16, 30), HOUR) == at(dt.date(2024, 3, 5), 9)


def test_none_when_nothing_fits():
    cal = Calendar("blue")
    assert cal.next_free_slot(at(MON, 9), 9 * HOUR) is None


def test_book_next_uses_it():
    cal = Calendar("blue")
    cal.book(at(MON, 9), 2 * HOUR, "a")
    assert cal.book_next(at(MON, 9), HOUR, "b").when.start == at(MON, 11)
