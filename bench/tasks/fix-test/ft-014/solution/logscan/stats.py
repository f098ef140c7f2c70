"""Counting and summarising parsed log records (see parser.py for their keys)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Iterable

from .parser import LEVELS

SERIOUS = {"ERROR", "CRITICAL"}


def count_by_level(records: Iterable[dict]) -> dict[str, int]:
    """How many records of each level, in severity order, levels with no records left out."""
    counts = Counter(record["level"] for record in records)
    return {level: counts[level] for level in LEVELS if counts[level]}


def count_by_logger(records: Iterable[dict]) -> Counter:
    return Counter(record["logger"] for record in records)


def top_loggers(records: Iterable[dict], n: int = 3) -> list[tuple[str, int]]:
    """The `n` noisiest loggers, ties by name."""
    counts = count_by_logger(records)
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:n]


def at_least(records: Iterable[dict], level: str) -> list[dict]:
    """Records of `level` or more severe."""
    threshold = LEVELS.index(level.upper())
    return [r for r in records if LEVELS.index(r["level"]) >= threshold]


def serious(records: Iterable[dict]) -> list[dict]:
    return [r for r in records if r["level"] in SERIOUS]


def error_rate(records: list[dict]) -> float:
    """Share of records that are ERROR or CRITICAL (0.0 for no records)."""
    if not records:
        return 0.0
    return len(serious(records)) / len(records)


def per_minute(records: Iterable[dict], level: str | None = None) -> dict[dt.datetime, int]:
    """Records (optionally of one level) per minute, minutes in order."""
    counts: Counter = Counter()
    for record in records:
        if level is None or record["level"] == level:
            counts[record["time"].replace(second=0, microsecond=0)] += 1
    return dict(sorted(counts.items()))


def busiest_minute(records: Iterable[dict]) -> tuple[dt.datetime, int] | None:
    minutes = per_minute(records)
    if not minutes:
        return None
    return max(minutes.items(), key=lambda item: (item[1], -item[0].timestamp()))


def time_span(records: list[dict]) -> dt.timedelta:
    if not records:
        return dt.timedelta()
    times = [r["time"] for r in records]
    return max(times) - min(times)


def grep(records: Iterable[dict], needle: str) -> list[dict]:
    """Records whose message contains `needle`, case-insensitive."""
    needle = needle.lower()
    return [r for r in records if needle in r["message"].lower()]


def summary(records: list[dict]) -> str:
    """The few lines printed by `logscan FILE`."""
    if not records:
        return "no records"
    levels = ", ".join(f"{level} {count}" for level, count in count_by_level(records).items())
    lines = [
        f"{len(records)} records over {time_span(records)}",
        f"levels: {levels}",
        f"error rate: {error_rate(records):.1%}",
    ]
    top = top_loggers(records)
    lines.append("top loggers: " + ", ".join(f"{name} ({n})" for name, n in top))
    return "\n".join(lines)
