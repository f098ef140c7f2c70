"""Output conventions of the accounting team's spreadsheet (a French locale).

Their spreadsheet opens CSV files with ';' between fields and ',' as the
decimal separator, so every exported file follows that.
"""

from __future__ import annotations

import datetime as dt

CSV_DELIMITER = ";"
DECIMAL_SEP = ","


def format_amount(cents: int) -> str:
    """12345 -> '123,45'; -5 -> '-0,05'."""
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}{cents // 100}{DECIMAL_SEP}{cents % 100:02d}"


def format_percent(ratio: float) -> str:
    """0.125 -> '12,5 %' (one decimal)."""
    return f"{ratio * 100:.1f}".replace(".", DECIMAL_SEP) + " %"


def format_month(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"
