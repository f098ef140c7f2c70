"""Parsing log lines and working with the records.

A log line looks like::

    2024-03-04T10:15:02Z [WARN] payments: card declined user=42 amount=12.50

timestamp (ISO 8601, UTC, trailing "Z"), level in square brackets, the
component name followed by a colon, then the message. Words of the message of
the form key=value are also collected as fields.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Iterator

from .record import Level, LogRecord

_FIELD = re.compile(r"^([A-Za-z_][\w.-]*)=(\S*)$")
_COMPONENT = re.compile(r"^[A-Za-z][\w.-]*$")


def parse_timestamp(text: str) -> dt.datetime | None:
    """'2024-03-04T10:15:02Z' -> aware UTC datetime; None if it is not in that form."""
    if not text.endswith("Z"):
        return None
    try:
        stamp = dt.datetime.strptime(text[:-1], "%Y-%m-%dT%H:%M:%S")
    except ValueError:
        return None
    return stamp.replace(tzinfo=dt.timezone.utc)


def parse_fields(message: str) -> dict[str, str]:
    """The key=value words of a message, in order of appearance (later keys win)."""
    fields = {}
    for word in message.split():
        match = _FIELD.match(word)
        if match:
            fields[match.group(1)] = match.group(2)
    return fields


def parse_line(line: str) -> LogRecord | None:
    """Parse one log line into a LogRecord (logscan/record.py), or None if it is malformed.

    The parts are separated by single spaces: timestamp, "[LEVEL]", "component:",
    then the message (the rest of the line, stripped; it may be empty).
    - the timestamp is read with `parse_timestamp`;
    - the level is read with `Level.from_name`, so "WARN" and "warning" both
      give Level.WARNING;
    - the component must match `_COMPONENT` (the colon is not part of it);
    - `fields` are the message's key=value words, from `parse_fields`.
    Any part missing or invalid (bad timestamp, unknown level, no brackets, no
    colon...) gives None instead of an exception. Trailing newlines are ignored.
    """
    raise NotImplementedError


@dataclass
class ParseResult:
    records: list[LogRecord]
    bad_lines: list[int]  # 1-based numbers of the lines that did not parse

    @property
    def ok(self) -> bool:
        return not self.bad_lines


def parse_lines(lines: Iterable[str]) -> ParseResult:
    """Parse many lines; blank lines are skipped, malformed ones are counted."""
    records: list[LogRecord] = []
    bad: list[int] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        record = parse_line(line)
        if record is None:
            bad.append(number)
        else:
            records.append(record)
    return ParseResult(records, bad)


@dataclass
class LogFilter:
    """Which records to keep; every condition that is set must hold."""

    min_level: Level = Level.DEBUG
    component: str | None = None
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    field_equals: dict[str, str] | None = None
    text: str | None = None

    def matches(self, record: LogRecord) -> bool:
        if record.level < self.min_level:
            return False
        if self.component is not None and record.component != self.component:
            return False
        if self.since is not None and record.timestamp < self.since:
            return False
        if self.until is not None and record.timestamp >= self.until:
            return False
        if self.field_equals:
            for key, value in self.field_equals.items():
                if record.fields.get(key) != value:
                    return False
        if self.text is not None and self.text.lower() not in record.message.lower():
            return False
        return True

    def apply(self, records: Iterable[LogRecord]) -> Iterator[LogRecord]:
        return (r for r in records if self.matches(r))


def level_counts(records: Iterable[LogRecord]) -> dict[str, int]:
    """How many records per level name, most severe first."""
    counts = Counter(r.level for r in records)
    return {level.name: counts[level] for level in sorted(counts, reverse=True)}


def component_counts(records: Iterable[LogRecord], min_level: Level = Level.WARNING) -> list[tuple[str, int]]:
    """Components with records at `min_level` or above, noisiest first (ties by name)."""
    counts = Counter(r.component for r in records if r.level >= min_level)
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def error_bursts(records: list[LogRecord], threshold: int, window: dt.timedelta) -> list[tuple[dt.datetime, int]]:
    """Times where at least `threshold` ERROR-or-worse records fall within `window`.

    Returns (start of burst, number of errors in it); bursts do not overlap.
    """
    errors = sorted(r.timestamp for r in records if r.level >= Level.ERROR)
    bursts = []
    i = 0
    while i < len(errors):
        j = i
        while j + 1 < len(errors) and errors[j + 1] - errors[i] < window:
            j += 1
        size = j - i + 1
        if size >= threshold:
            bursts.append((errors[i], size))
            i = j + 1
        else:
            i += 1
    return bursts


def format_record(record: LogRecord, with_fields: bool = False) -> str:
    stamp = record.timestamp.strftime("%Y-%m-%d %H:%M:%S")
    line = f"{stamp} {record.level.name:<8} {record.component:<12} {record.message}"
    if with_fields and record.fields:
        line += "  {" + ", ".join(f"{k}={v}" for k, v in sorted(record.fields.items())) + "}"
    return line


def summary(text: str) -> str:
    """A short report for `logscan summary FILE`."""
    result = parse_lines(text.splitlines())
    lines = [f"{len(result.records)} records, {len(result.bad_lines)} malformed lines"]
    for name, count in level_counts(result.records).items():
        lines.append(f"  {name:<8} {count}")
    noisy = component_counts(result.records)
    if noisy:
        lines.append("noisiest components (WARNING and above):")
        lines.extend(f"  {name:<12} {count}" for name, count in noisy[:5])
    return "\n".join(lines)
