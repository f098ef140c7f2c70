"""Times of day as minutes since midnight, and the office's opening hours."""

from __future__ import annotations

import re

OPEN = 8 * 60  # 08:00
CLOSE = 19 * 60  # 19:00
GRANULARITY = 15  # bookings start and end on quarter hours

_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def parse_hhmm(text: str) -> int:
    """'09:30' -> 570."""
    match = _HHMM.match(text.strip())
    if not match:
        raise ValueError(f"not a time of day: {text!r}")
    return int(match[1]) * 60 + int(match[2])


def format_hhmm(minutes: int) -> str:
    """570 -> '09:30'."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def on_grid(minutes: int) -> bool:
    return minutes % GRANULARITY == 0


def duration_text(minutes: int) -> str:
    """95 -> '1 h 35 min'."""
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours} h {rest} min"
    return f"{hours} h" if hours else f"{rest} min"
