"""Public holidays of the company's country (fixed dates plus Easter-based ones)."""

from __future__ import annotations

import datetime as dt

FIXED = [(1, 1), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (11, 11), (12, 25)]


def easter_sunday(year: int) -> dt.date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def holidays_of(year: int) -> set[dt.date]:
    easter = easter_sunday(year)
    moving = {easter + dt.timedelta(days=1), easter + dt.timedelta(days=39), easter + dt.timedelta(days=50)}
    return {dt.date(year, m, d) for m, d in FIXED} | moving
