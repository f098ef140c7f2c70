import datetime as dt

from library.dates import add_open_days, days_between


def test_sundays_do_not_count():
    sat = dt.date(2024, 6, 1)
    assert add_open_days(sat, 1) == dt.date(2024, 6, 3)
    assert days_between(sat, dt.date(2024, 6, 4)) == 2
    assert days_between(dt.date(2024, 6, 4), sat) == 0
