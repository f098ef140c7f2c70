"""Durations for people: '1 hour, 2 minutes', '1h30m', 'in 5 minutes'."""

from __future__ import annotations

import re

# (long name, short letter, seconds), largest first
UNITS: tuple[tuple[str, str, int], ...] = (
    ("day", "d", 86_400),
    ("hour", "h", 3_600),
    ("minute", "m", 60),
    ("second", "s", 1),
)
_BY_LETTER = {letter: size for _, letter, size in UNITS}
_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([dhms])", re.IGNORECASE)
_CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})$")


def plural(count: int, word: str) -> str:
    """'1 minute', '2 minutes'."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def split_duration(seconds: float) -> list[tuple[int, str, str]]:
    """Whole seconds split into (count, long name, letter) for every unit, largest first."""
    if seconds < 0:
        raise ValueError("duration must not be negative")
    left = int(round(seconds))
    parts = []
    for name, letter, size in UNITS:
        count, left = divmod(left, size)
        parts.append((count, name, letter))
    return parts


def format_duration(seconds: float, max_units: int = 2) -> str:
    """'1 hour, 2 minutes' for 3723 seconds: the `max_units` largest non-zero units.

    Seconds are rounded to whole seconds first; zero gives '0 seconds'.
    Smaller units are dropped, not rounded into the larger ones.
    """
    if max_units < 1:
        raise ValueError("max_units must be at least 1")
    shown = [(count, name, letter) for count, name, letter in split_duration(seconds) if count][:max_units]
    if not shown:
        return "0 seconds"
    return ", ".join(plural(count, name) for count, name, _ in shown)


def format_clock(seconds: float) -> str:
    """'1:02:03' style, or '02:03' under an hour."""
    days, hours, minutes, secs = (count for count, _, _ in split_duration(seconds))
    hours += days * 24
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes:02d}:{secs:02d}"


def parse_duration(text: str) -> float:
    """Seconds from '1h30m', '90s', '2d 4h', '1.5h', '1:30:00' or '05:00'."""
    text = text.strip()
    clock = _CLOCK.match(text)
    if clock:
        hours, minutes, secs = (int(g) if g else 0 for g in clock.groups())
        if minutes > 59 and clock.group(1) or secs > 59:
            raise ValueError(f"bad clock duration {text!r}")
        return float(hours * 3600 + minutes * 60 + secs)
    total = 0.0
    position = 0
    for match in _PART.finditer(text):
        if text[position : match.start()].strip():
            raise ValueError(f"cannot read duration {text!r}")
        total += float(match.group(1)) * _BY_LETTER[match.group(2).lower()]
        position = match.end()
    if position == 0 or text[position:].strip():
        raise ValueError(f"cannot read duration {text!r}")
    return total


def relative(seconds: float) -> str:
    """'in 5 minutes' for a positive offset, '5 minutes ago' for a negative one, 'now' near zero."""
    if abs(seconds) < 1:
        return "now"
    amount = format_duration(abs(seconds), max_units=1)
    return f"in {amount}" if seconds > 0 else f"{amount} ago"
