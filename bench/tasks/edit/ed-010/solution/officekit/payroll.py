"""Pay periods and the dates that hang off them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .dates import add_business_days, month_end, previous_business_day

PAYSLIP_DELAY = 3  # business days after the period closes


def pay_day(year: int, month: int, holidays: Iterable[dt.date] = ()) -> dt.date:
    """Salaries are paid on the month's last business day."""
    return previous_business_day(month_end(dt.date(year, month, 1)), holidays)


def payslip_day(year: int, month: int, holidays: Iterable[dt.date] = ()) -> dt.date:
    """Payslips go out PAYSLIP_DELAY business days after the month ends."""
    return add_business_days(month_end(dt.date(year, month, 1)), PAYSLIP_DELAY, holidays)


def schedule(year: int, holidays: Iterable[dt.date] = ()) -> list[tuple[int, dt.date, dt.date]]:
    """(month, pay day, payslip day) for every month of `year`."""
    holidays = set(holidays)
    return [(m, pay_day(year, m, holidays), payslip_day(year, m, holidays)) for m in range(1, 13)]
