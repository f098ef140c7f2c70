"""Opening days. The library is open Monday to Saturday; Sundays do not count
for loan periods or late fees.
"""

from __future__ import annotations

import datetime as dt

ONE_DAY = dt.timedelta(days=1)


def is_open(day: dt.date) -> bool:
    return day.weekday() != 6


def add_open_days(start: dt.date, days: int) -> dt.date:
    """The date `days` opening days after `start`."""
    day = start
    while days > 0:
        day += ONE_DAY
        if is_open(day):
            days -= 1
    return day


def days_between(start: dt.date, end: dt.date) -> int:
    """Opening days after `start` up to and including `end`; 0 when end <= start."""
    count = 0
    day = start
    while day < end:
        day += ONE_DAY
        if is_open(day):
            count += 1
    return count
