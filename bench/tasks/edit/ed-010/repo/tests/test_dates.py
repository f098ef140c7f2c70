import datetime as dt

from officekit.dates import add_months, business_days_between, parse_date


def test_parse_date():
    assert parse_date("01/03/2024") == dt.date(2024, 3, 1)


def test_add_months_clamps():
    assert add_months(dt.date(2024, 1, 31), 1) == dt.date(2024, 2, 29)


def test_business_days_between():
    assert business_days_between(dt.date(2024, 3, 1), dt.date(2024, 3, 8)) == 5
