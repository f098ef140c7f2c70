import datetime as dt

from workdays.holidays import easter_sunday, holidays_of


def test_easter():
    assert easter_sunday(2024) == dt.date(2024, 3, 31)
    assert easter_sunday(2025) == dt.date(2025, 4, 20)


def test_holidays_include_easter_monday():
    assert dt.date(2024, 4, 1) in holidays_of(2024)
