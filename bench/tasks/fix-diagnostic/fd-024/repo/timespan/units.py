"""Unit names and their length in milliseconds."""

from __future__ import annotations

MS_PER = {
    "ms": 1,
    "s": 1000,
    "min": 60_000,
    "h": 3_600_000,
    "d": 86_400_000,
}

ALIASES = {
    "msec": "ms",
    "sec": "s",
    "secs": "s",
    "m": "min",
    "mins": "min",
    "hr": "h",
    "hrs": "h",
    "day": "d",
    "days": "d",
}


def canonical(unit: str) -> str:
    unit = unit.lower()
    unit = ALIASES.get(unit, unit)
    if unit not in MS_PER:
        raise ValueError(f"unknown unit {unit!r}")
    return unit
