"""Counting and adding business days."""

from __future__ import annotations

import datetime as dt

from .holidays import HolidayCalendar, standard_calendar

ONE_DAY = dt.timedelta(days=1)


def next_business_day(day: dt.date, cal: HolidayCalendar | None = None) -> dt.date:
    """`day` itself when it is a business day, otherwise the next one."""
    cal = cal or standard_calendar()
    while not cal.is_business_day(day):
        day += ONE_DAY
    return day


def add_business_days(day: dt.date, n: int, cal: HolidayCalendar | None = None) -> dt.date:
    """The date `n` business days after `day` (before it when `n` is negative).

    Counting starts with the day after `day` (the day before, for negative n),
    so `day` itself never counts; weekends and the calendar's holidays are
    skipped (see `HolidayCalendar.is_business_day` in workdays/holidays.py).
    `n == 0` returns `day` unchanged, even when it is not a business day.
    `cal` defaults to `standard_calendar()`.
    """
    raise NotImplementedError


def business_days_between(start: dt.date, end: dt.date, cal: HolidayCalendar | None = None) -> int:
    """Business days after `start` up to and including `end` (negative if end < start)."""
    cal = cal or standard_calendar()
    if end < start:
        return -business_days_between(end, start, cal)
    count = 0
    day = start
    while day < end:
        day += ONE_DAY
        if cal.is_business_day(day):
            count += 1
    return count


PAYMENT_TERMS = {"net7": 7, "net15": 15, "net30": 30}


def due_date(invoice_date: dt.date, terms: str, cal: HolidayCalendar | None = None) -> dt.date:
    """Calendar-day payment terms; a due date on a non-business day moves to the next one."""
    try:
        days = PAYMENT_TERMS[terms]
    except KeyError:
        raise ValueError(f"unknown payment terms {terms!r}") from None
    return next_business_day(invoice_date + dt.timedelta(days=days), cal)


def delivery_promise(ordered: dt.date, handling_days: int, transit_days: int,
                     cal: HolidayCalendar | None = None) -> dt.date:
    """The promised delivery date: handling then transit, both in business days."""
    return add_business_days(ordered, handling_days + transit_days, cal)


def month_business_days(year: int, month: int, cal: HolidayCalendar | None = None) -> list[dt.date]:
    """Every business day of a month."""
    cal = cal or standard_calendar()
    day = dt.date(year, month, 1)
    days = []
    while day.month == month:
        if cal.is_business_day(day):
            days.append(day)
        day += ONE_DAY
    return days
