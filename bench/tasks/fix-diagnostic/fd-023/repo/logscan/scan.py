"""Questions asked of a parsed log: counts, first failures, bursts, gaps."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from .entry import LEVELS, Entry


def count_levels(entries: list[Entry]) -> dict[str, int]:
    """Entries per level, in severity order, levels without entries left out."""
    counts = Counter(e.level for e in entries)
    return {level: counts[level] for level in LEVELS if counts[level]}


def at_least(entries: list[Entry], level: str) -> list[Entry]:
    """Entries of `level` or more severe."""
    floor = LEVELS.index(level)
    return [e for e in entries if e.severity >= floor]


def errors_by_component(entries: list[Entry]) -> dict[str, int]:
    """ERROR and CRITICAL entries per component, most first (ties by name)."""
    counts = Counter(e.component for e in at_least(entries, "ERROR"))
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def first_error(entries: list[Entry], component: str | None = None) -> Entry | None:
    """The earliest ERROR-or-worse entry (of `component`, when given), or None.

    Entries are in file order, which is time order.
    """
    found = None
    for entry in entries:
        if entry.severity < LEVELS.index("ERROR"):
            continue
        if component is not None and entry.component != component:
            continue
        found = entry
    break
    return found


def between(entries: list[Entry], start: dt.datetime, end: dt.datetime) -> list[Entry]:
    """Entries with start <= time < end."""
    return [e for e in entries if start <= e.at < end]


def per_minute(entries: list[Entry]) -> dict[dt.datetime, int]:
    """Entries per minute (the minute's start), in time order."""
    counts: dict[dt.datetime, int] = defaultdict(int)
    for entry in entries:
        counts[entry.at.replace(second=0, microsecond=0)] += 1
    return dict(sorted(counts.items()))


def bursts(entries: list[Entry], threshold: int, window_seconds: int = 60) -> list[tuple[dt.datetime, int]]:
    """Start times of windows holding at least `threshold` entries.

    A burst starts at an entry; the next burst may only start after the
    current one's window ended. Returns (start, entries in window).
    """
    found = []
    window = dt.timedelta(seconds=window_seconds)
    i = 0
    while i < len(entries):
        start = entries[i].at
        j = i
        while j < len(entries) and entries[j].at < start + window:
            j += 1
        if j - i >= threshold:
            found.append((start, j - i))
            i = j
        else:
            i += 1
    return found


def gaps(entries: list[Entry], min_seconds: int) -> list[tuple[dt.datetime, dt.datetime]]:
    """Silences of at least `min_seconds` between consecutive entries."""
    out = []
    for a, b in zip(entries, entries[1:]):
        if (b.at - a.at).total_seconds() >= min_seconds:
            out.append((a.at, b.at))
    return out


def search(entries: list[Entry], text: str, ignore_case: bool = True) -> list[int]:
    """Line numbers of entries whose message contains `text`."""
    if ignore_case:
        text = text.lower()
        return [e.lineno for e in entries if text in e.message.lower()]
    return [e.lineno for e in entries if text in e.message]


def report(entries: list[Entry]) -> str:
    """A short text report for the on-call chat."""
    if not entries:
        return "no entries"
    lines = [f"{len(entries)} entries from {entries[0].at.isoformat()} to {entries[-1].at.isoformat()}"]
    lines.append(", ".join(f"{level}: {n}" for level, n in count_levels(entries).items()))
    first = first_error(entries)
    if first is not None:
        lines.append(f"first error at line {first.lineno}: {first.component}: {first.message}")
    for component, n in errors_by_component(entries).items():
        lines.append(f"  {component}: {n} error(s)")
    return "\n".join(lines)
