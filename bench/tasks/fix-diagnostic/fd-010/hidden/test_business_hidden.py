import datetime as dt

from workdays.business import (
    add_business_days,
    business_days_between,
    due_date,
    month_business_days,
    previous_business_day,
)
from workdays.holidays import holidays_of

H = holidays_of(2024)
FRI = dt.date(2024, 3, 29)


def test_add_business_days_skips_weekends():
    assert add_business_days(FRI, 1) == dt.date(2024, 4, 1)
    assert add_business_days(FRI, 0) == FRI
    assert add_business_days(dt.date(2024, 4, 1), -1) == FRI


def test_add_business_days_skips_holidays():
    # Easter Monday 2024-04-01 is a holiday
    assert add_business_days(FRI, 1, H) == dt.date(2024, 4, 2)
    assert add_business_days(FRI, 6, H) == dt.date(2024, 4, 9)
    assert add_business_days(dt.date(2024, 4, 2), -1, H) == dt.date(2024, 3, 29)


def test_other_functions():
    assert business_days_between(FRI, dt.date(2024, 4, 5), H) == 4
    assert business_days_between(dt.date(2024, 4, 5), FRI, H) == -4
    assert due_date(dt.date(2024, 4, 1), 30, H) == dt.date(2024, 5, 2)
    assert previous_business_day(dt.date(2024, 4, 2), H) == FRI
    assert len(month_business_days(2024, 5, H)) == 19
