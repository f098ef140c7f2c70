"""Counting and stepping over business days.

A business day is a weekday that is not a day off in the given holiday
calendar (see holidays.py for how weekend holidays move to a weekday).
"""

from __future__ import annotations

import calendar as _cal
import datetime as dt

from .holidays import HolidayCalendar

ONE_DAY = dt.timedelta(days=1)


def is_weekend(day: dt.date) -> bool:
    return day.weekday() >= 5


def is_business_day(day: dt.date, cal: HolidayCalendar) -> bool:
    """True for a weekday that people work in the calendar's country."""
    return not is_weekend(day) and not cal.is_holiday(day)


def next_business_day(day: dt.date, cal: HolidayCalendar) -> dt.date:
    """The first business day strictly after `day`."""
    day += ONE_DAY
    while not is_business_day(day, cal):
        day += ONE_DAY
    return day


def previous_business_day(day: dt.date, cal: HolidayCalendar) -> dt.date:
    """The last business day strictly before `day`."""
    day -= ONE_DAY
    while not is_business_day(day, cal):
        day -= ONE_DAY
    return day


def roll_forward(day: dt.date, cal: HolidayCalendar) -> dt.date:
    """`day` itself if it is a business day, else the next one."""
    return day if is_business_day(day, cal) else next_business_day(day, cal)


def add_business_days(start: dt.date, count: int, cal: HolidayCalendar) -> dt.date:
    """Step `count` business days from `start` (backwards for a negative count).

    The start day itself is not counted, so adding 1 to a Friday gives the
    following Monday when that Monday is a business day.
    """
    day = start
    step = next_business_day if count >= 0 else previous_business_day
    for _ in range(abs(count)):
        day = step(day, cal)
    return day


def business_days_between(start: dt.date, end: dt.date, cal: HolidayCalendar) -> int:
    """Business days after `start` up to and including `end` (negative if end < start)."""
    if end < start:
        return -business_days_between(end, start, cal)
    count = 0
    day = start + ONE_DAY
    while day <= end:
        if is_business_day(day, cal):
            count += 1
        day += ONE_DAY
    return count


def business_days_in_month(year: int, month: int, cal: HolidayCalendar) -> list[dt.date]:
    last = _cal.monthrange(year, month)[1]
    days = (dt.date(year, month, d) for d in range(1, last + 1))
    return [day for day in days if is_business_day(day, cal)]


def last_business_day_of_month(year: int, month: int, cal: HolidayCalendar) -> dt.date:
    """Payday: the month's last business day."""
    return business_days_in_month(year, month, cal)[-1]


def settlement_date(trade_date: dt.date, cal: HolidayCalendar, lag: int = 2) -> dt.date:
    """Trades settle `lag` business days after the trade date ("T+2")."""
    return add_business_days(trade_date, lag, cal)
