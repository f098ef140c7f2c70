"""Public holiday calendars.

A holiday that falls on a Saturday or Sunday is not lost: the day off is
taken on the next weekday that is not already a day off (the "observed"
day). So there are two questions one can ask of a calendar:

- is_holiday(day): is this calendar date itself a holiday? (Christmas is
  on 25 December, whatever the weekday.)
- is_day_off(day): do people have this day off work? This is the one to use
  for business-day arithmetic: it includes observed substitute days and
  leaves out holidays that fall on a weekend.
"""

from __future__ import annotations

import datetime as dt


class HolidayCalendar:
    def __init__(self, name: str) -> None:
        self.name = name
        self._fixed: dict[tuple[int, int], str] = {}
        self._dates: dict[dt.date, str] = {}

    def add_fixed(self, month: int, day: int, name: str) -> None:
        """A holiday on the same date every year, e.g. (12, 25, 'Christmas Day')."""
        self._fixed[(month, day)] = name

    def add_date(self, day: dt.date, name: str) -> None:
        """A holiday in one year only (Easter, a royal wedding...)."""
        self._dates[day] = name

    def holiday_name(self, day: dt.date) -> str | None:
        return self._dates.get(day) or self._fixed.get((day.month, day.day))

    def is_holiday(self, day: dt.date) -> bool:
        """True when the calendar date is a holiday, weekend or not."""
        return self.holiday_name(day) is not None

    def holidays_in(self, year: int) -> list[dt.date]:
        days = {dt.date(year, m, d) for (m, d) in self._fixed}
        days.update(day for day in self._dates if day.year == year)
        return sorted(days)

    def days_off(self, year: int) -> list[dt.date]:
        """The weekdays off work caused by the holidays of `year`, in date order."""
        taken: set[dt.date] = set()
        for day in self.holidays_in(year):
            if day.weekday() < 5:
                taken.add(day)
        for day in self.holidays_in(year):
            if day.weekday() >= 5:
                sub = day
                while sub.weekday() >= 5 or sub in taken:
                    sub += dt.timedelta(days=1)
                taken.add(sub)
        return sorted(taken)

    def is_day_off(self, day: dt.date) -> bool:
        """True when `day` is a weekday off work: a holiday or an observed substitute."""
        if day.weekday() >= 5:
            return False
        return day in self.days_off(day.year) or day in self.days_off(day.year - 1)


def england() -> HolidayCalendar:
    """The fixed-date holidays of England, plus Easter for a few years."""
    cal = HolidayCalendar("England")
    cal.add_fixed(1, 1, "New Year's Day")
    cal.add_fixed(12, 25, "Christmas Day")
    cal.add_fixed(12, 26, "Boxing Day")
    for good_friday, easter_monday in [
        (dt.date(2023, 4, 7), dt.date(2023, 4, 10)),
        (dt.date(2024, 3, 29), dt.date(2024, 4, 1)),
        (dt.date(2025, 4, 18), dt.date(2025, 4, 21)),
    ]:
        cal.add_date(good_friday, "Good Friday")
        cal.add_date(easter_monday, "Easter Monday")
    return cal
