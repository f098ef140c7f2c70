"""Reading and writing durations such as '1h30m', '45s' or '12:30'."""

from __future__ import annotations

import re

UNIT_SECONDS = {"d": 86400, "h": 3600, "m": 60, "s": 1}

_PART = re.compile(r"(\d+)\s*([dhms])")
_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})$")


class DurationError(ValueError):
    pass


def parse_duration(text: str) -> int:
    """Seconds in a duration.

    Two forms are accepted:
    - unit form: numbers with d/h/m/s units, in any order and with optional
      spaces: '1h30m', '90s', '2m 5s'; a bare number means minutes ('5' -> 300);
    - clock form: 'MM:SS' or 'H:MM:SS' ('12:30' is twelve and a half minutes).
    Raises DurationError for anything else, and for a zero duration.
    """
    text = text.strip().lower()
    if text.isdigit():
        seconds = int(text) * 60
    else:
        clock = _CLOCK.match(text)
        if clock:
            hours, minutes, secs = clock.groups()
            if int(secs) >= 60:
                raise DurationError(f"bad seconds in {text!r}")
            seconds = int(hours or 0) * 3600 + int(minutes) * 60 + int(secs)
        else:
            parts = _PART.findall(text)
            if not parts or _PART.sub("", text).strip():
                raise DurationError(f"not a duration: {text!r}")
            seconds = sum(int(n) * UNIT_SECONDS[unit] for n, unit in parts)
    if seconds <= 0:
        raise DurationError("a duration must be longer than zero")
    return seconds


def format_duration(seconds: int) -> str:
    """Seconds back to the short unit form: 5400 -> '1h30m', 45 -> '45s', 0 -> '0s'."""
    if seconds <= 0:
        return "0s"
    out = []
    for unit, size in UNIT_SECONDS.items():
        count, seconds = divmod(seconds, size)
        if count:
            out.append(f"{count}{unit}")
    return "".join(out)


def format_clock(seconds: int) -> str:
    """Seconds as the display shows them: 'M:SS', or 'H:MM:SS' from one hour on."""
    seconds = max(0, seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"
