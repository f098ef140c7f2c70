"""Calendar helpers shared by the back-office modules."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable

ONE_DAY = dt.timedelta(days=1)
WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def parse_date(text: str) -> dt.date:
    """'2024-03-01' or '01/03/2024' (day first) -> date."""
    text = text.strip()
    if "/" in text:
        day, month, year = (int(part) for part in text.split("/"))
        return dt.date(year, month, day)
    return dt.date.fromisoformat(text)


def is_weekend(day: dt.date) -> bool:
    return day.weekday() >= 5


def is_business_day(day: dt.date, holidays: Iterable[dt.date] = ()) -> bool:
    """Monday to Friday and not a holiday."""
    return not is_weekend(day) and day not in set(holidays)


def month_end(day: dt.date) -> dt.date:
    """The last day of `day`'s month."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    """Same day of the month `months` later, clamped to that month's end."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day.day, last))


def previous_business_day(day: dt.date, holidays: Iterable[dt.date] = ()) -> dt.date:
    """`day` itself when it is a business day, else the last one before it."""
    holidays = set(holidays)
    while not is_business_day(day, holidays):
        day -= ONE_DAY
    return day


def business_days_between(first: dt.date, last: dt.date, holidays: Iterable[dt.date] = ()) -> int:
    """Business days in the half-open range (first, last]."""
    holidays = set(holidays)
    count = 0
    day = first
    while day < last:
        day += ONE_DAY
        if is_business_day(day, holidays):
            count += 1
    return count


def describe(day: dt.date) -> str:
    """'Fri 01 Mar 2024'."""
    return f"{WEEKDAY_NAMES[day.weekday()]} {day:%d %b %Y}"
