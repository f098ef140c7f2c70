"""Business days: Monday to Friday, except holidays.

Every function takes the holidays as a collection of dates, so callers can
pass `holidays_of(year)` (or a union over several years), or nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Collection

ONE_DAY = dt.timedelta(days=1)


def is_business_day(day: dt.date, holidays: Collection[dt.date] = ()) -> bool:
    return day.weekday() < 5 and day not in holidays


def next_business_day(day: dt.date, holidays: Collection[dt.date] = ()) -> dt.date:
    """The first business day strictly after `day`."""
    day += ONE_DAY
    while not is_business_day(day, holidays):
        day += ONE_DAY
    return day


def previous_business_day(day: dt.date, holidays: Collection[dt.date] = ()) -> dt.date:
    """The last business day strictly before `day`."""
    day -= ONE_DAY
    while not is_business_day(day, holidays):
        day -= ONE_DAY
    return day


def add_business_days(start: dt.date, count: int, holidays: Collection[dt.date] = ()) -> dt.date:
    """The date `count` business days after `start` (before it when negative).

    `start` itself is not counted, so adding 1 to a Friday gives the next Monday,
    and adding 0 gives `start` back.
    """
    step = ONE_DAY if count >= 0 else -ONE_DAY
    remaining = abs(count)
    day = start
    while remaining:
        day += step
        if day.weekday() < 5 and day not in holidays:
            remaining -= 1
    return day


def business_days_between(start: dt.date, end: dt.date, holidays: Collection[dt.date] = ()) -> int:
    """Business days after `start` up to and including `end` (negative when end < start)."""
    if end < start:
        return -business_days_between(end, start, holidays)
    count = 0
    day = start
    while day < end:
        day += ONE_DAY
        if is_business_day(day, holidays):
            count += 1
    return count


def roll_forward(day: dt.date, holidays: Collection[dt.date] = ()) -> dt.date:
    """`day` itself when it is a business day, else the next one."""
    return day if is_business_day(day, holidays) else next_business_day(day, holidays)


def due_date(issued: dt.date, terms_days: int, holidays: Collection[dt.date] = ()) -> dt.date:
    """An invoice is due `terms_days` calendar days after issue, rolled forward to a business day."""
    return roll_forward(issued + dt.timedelta(days=terms_days), holidays)


def month_business_days(year: int, month: int, holidays: Collection[dt.date] = ()) -> list[dt.date]:
    """Every business day of a month, in order."""
    day = dt.date(year, month, 1)
    days = []
    while day.month == month:
        if is_business_day(day, holidays):
            days.append(day)
        day += ONE_DAY
    return days
