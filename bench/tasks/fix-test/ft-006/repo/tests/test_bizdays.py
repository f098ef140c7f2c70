import datetime as dt

from workdays.bizdays import add_business_days, business_days_between, is_business_day, settlement_date
from workdays.holidays import england

D = dt.date


def test_friday_plus_one_is_monday():
    assert add_business_days(D(2024, 6, 7), 1, england()) == D(2024, 6, 10)


def test_weekday_holidays_are_skipped():
    cal = england()
    assert not is_business_day(D(2024, 3, 29), cal)
    assert add_business_days(D(2024, 3, 28), 1, cal) == D(2024, 4, 2)


def test_weekend_christmas_gives_tuesday_off():
    # Christmas 2022 was a Sunday: Boxing Day (Monday) and the substitute Tuesday are days off
    cal = england()
    assert not is_business_day(D(2022, 12, 27), cal)
    assert add_business_days(D(2022, 12, 23), 1, cal) == D(2022, 12, 28)


def test_counting_over_new_year():
    # New Year's Day 2023 was a Sunday, observed on Monday 2 January
    cal = england()
    assert business_days_between(D(2022, 12, 30), D(2023, 1, 6), cal) == 4
    assert settlement_date(D(2022, 12, 29), cal) == D(2023, 1, 3)
