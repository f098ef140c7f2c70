import datetime as dt

from workdays.bizdays import (
    add_business_days,
    business_days_between,
    business_days_in_month,
    is_business_day,
    last_business_day_of_month,
    next_business_day,
    previous_business_day,
)
from workdays.holidays import HolidayCalendar, england

D = dt.date


def test_saturday_holiday_moves_to_monday():
    cal = HolidayCalendar("Test")
    cal.add_fixed(7, 4, "Founders Day")  # 4 July 2026 is a Saturday
    assert not is_business_day(D(2026, 7, 6), cal)
    assert next_business_day(D(2026, 7, 3), cal) == D(2026, 7, 7)
    assert previous_business_day(D(2026, 7, 7), cal) == D(2026, 7, 3)


def test_weekday_holiday_unchanged():
    cal = england()
    assert not is_business_day(D(2024, 12, 25), cal)
    assert is_business_day(D(2024, 12, 27), cal)
    assert add_business_days(D(2024, 12, 24), 1, cal) == D(2024, 12, 27)


def test_backwards_over_observed_days():
    cal = england()
    assert add_business_days(D(2022, 12, 28), -1, cal) == D(2022, 12, 23)
    assert add_business_days(D(2023, 1, 3), -2, cal) == D(2022, 12, 29)


def test_month_counts_exclude_substitute_days():
    cal = england()
    days = business_days_in_month(2022, 12, cal)
    assert D(2022, 12, 27) not in days and D(2022, 12, 26) not in days
    assert len(days) == 20
    assert last_business_day_of_month(2022, 12, cal) == D(2022, 12, 30)


def test_between_over_two_weekend_holidays():
    cal = england()
    # Christmas 2021 (Sat) and Boxing Day (Sun): days off on Mon 27 and Tue 28
    assert business_days_between(D(2021, 12, 24), D(2021, 12, 31), cal) == 3
    assert business_days_between(D(2021, 12, 31), D(2021, 12, 24), cal) == -3
