"""Which days are holidays, and which are business days."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

SATURDAY, SUNDAY = 5, 6


def is_weekend(day: dt.date) -> bool:
    return day.weekday() in (SATURDAY, SUNDAY)


@dataclass
class HolidayCalendar:
    """Holidays that repeat every year (month, day) plus one-off dates."""

    yearly: set[tuple[int, int]] = field(default_factory=set)
    one_off: set[dt.date] = field(default_factory=set)

    def add_yearly(self, month: int, day: int) -> None:
        dt.date(2000, month, day)  # validates the month/day pair (2000 is a leap year)
        self.yearly.add((month, day))

    def add_date(self, day: dt.date) -> None:
        self.one_off.add(day)

    def is_holiday(self, day: dt.date) -> bool:
        return (day.month, day.day) in self.yearly or day in self.one_off

    def is_business_day(self, day: dt.date) -> bool:
        """Neither a weekend day nor a holiday."""
        return not is_weekend(day) and not self.is_holiday(day)


def standard_calendar() -> HolidayCalendar:
    """New Year's Day, Labour Day and Christmas."""
    return HolidayCalendar(yearly={(1, 1), (5, 1), (12, 25)})
