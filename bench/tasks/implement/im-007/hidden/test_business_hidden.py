import datetime as dt

from workdays.business import add_business_days, delivery_promise
from workdays.holidays import HolidayCalendar

D = dt.date


def test_within_week():
    assert add_business_days(D(2024, 3, 4), 3) == D(2024, 3, 7)  # Mon + 3 = Thu


def test_over_weekend():
    assert add_business_days(D(2024, 3, 8), 1) == D(2024, 3, 11)  # Fri + 1 = Mon
    assert add_business_days(D(2024, 3, 9), 1) == D(2024, 3, 11)  # Sat + 1 = Mon


def test_skips_holidays():
    assert add_business_days(D(2024, 12, 24), 1) == D(2024, 12, 26)
    cal = HolidayCalendar(one_off={D(2024, 3, 5)})
    assert add_business_days(D(2024, 3, 4), 1, cal) == D(2024, 3, 6)


def test_zero_returns_day_unchanged():
    assert add_business_days(D(2024, 3, 9), 0) == D(2024, 3, 9)


def test_negative():
    assert add_business_days(D(2024, 3, 11), -1) == D(2024, 3, 8)
    assert add_business_days(D(2024, 1, 2), -1) == D(2023, 12, 29)


def test_delivery_promise():
    assert delivery_promise(D(2024, 3, 7), 1, 2) == D(2024, 3, 12)
