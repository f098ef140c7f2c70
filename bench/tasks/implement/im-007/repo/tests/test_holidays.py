import datetime as dt

from workdays.holidays import standard_calendar


def test_christmas_and_weekend():
    cal = standard_calendar()
    assert not cal.is_business_day(dt.date(2024, 12, 25))
    assert not cal.is_business_day(dt.date(2024, 12, 28))
    assert cal.is_business_day(dt.date(2024, 12, 27))
