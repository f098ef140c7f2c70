"""Parse '1h30min', '250ms', '2 days 3h' into milliseconds, and format them back."""

from __future__ import annotations

import re

from .units import MS_PER, canonical

_PART = re.compile(r"(\d+(?:\.\d+)?)\s*([a-zA-Z]+)")
ORDER = ["d", "h", "min", "s", "ms"]


def parse_ms(text: str) -> int:
    """Total milliseconds of a duration such as '1h30min' or '1.5s'.

    A bare number is seconds. Other units may have fractions (the total is
    rounded to the millisecond) but a number of milliseconds must be whole.
    """
    text = text.strip()
    if not text:
        raise ValueError("empty duration")
    try:
        return round(float(text) * 1000)
    except ValueError:
        pass
    total = 0.0
    position = 0
    for match in _PART.finditer(text):
        if text[position:match.start()].strip(" ,"):
            raise ValueError(f"cannot parse {text!r}")
        number, unit = float(match.group(1)), canonical(match.group(2))
        if unit is "ms" and not number.is_integer():
            raise ValueError(f"milliseconds must be whole in {text!r}")
        total += number * MS_PER[unit]
        position = match.end()
    if position == 0 or text[position:].strip(" ,"):
        raise ValueError(f"cannot parse {text!r}")
    return round(total)


def parse_seconds(text: str) -> float:
    return parse_ms(text) / 1000


def format_ms(ms: int, largest: str = "d", parts: int = 2) -> str:
    """'1h 30min' style: at most `parts` non-zero units, starting from `largest`.

    Units smaller than the last part shown are dropped (not rounded); 0 is '0ms'.
    """
    if ms < 0:
        return "-" + format_ms(-ms, largest, parts)
    pieces = []
    remaining = ms
    for unit in ORDER[ORDER.index(canonical(largest)):]:
        size = MS_PER[unit]
        count, remaining = divmod(remaining, size)
        if count:
            pieces.append(f"{count}{unit}")
            if len(pieces) == parts:
                break
    return " ".join(pieces) or "0ms"


def clamp(text: str, minimum: str, maximum: str) -> int:
    """Parse `text` and keep it within [minimum, maximum] (both durations too)."""
    low, high = parse_ms(minimum), parse_ms(maximum)
    if low > high:
        raise ValueError("minimum is above maximum")
    return max(low, min(high, parse_ms(text)))


def split_evenly(total: str, pieces: int) -> list[int]:
    """Split a duration into `pieces` millisecond lengths that add up exactly."""
    if pieces < 1:
        raise ValueError("pieces must be at least 1")
    ms = parse_ms(total)
    base, extra = divmod(ms, pieces)
    return [base + (1 if i < extra else 0) for i in range(pieces)]
