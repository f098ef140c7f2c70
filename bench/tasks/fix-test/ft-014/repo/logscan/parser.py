"""Parsing log lines of the form

    2024-05-01T10:00:03 ERROR [db.pool] connection refused (attempt 3)

into records: dicts with the keys "time" (datetime), "level" (upper-case
string), "logger" and "message". Lines that do not match (stack traces,
blank lines) are continuation lines and are appended to the previous
record's message.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterable, Iterator

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")

_LINE = re.compile(
    r"^(?P<time>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\s+(?P<level>[A-Za-z]+)\s+\[(?P<logger>[^\]]+)\]\s?(?P<message>.*)$"
)


def parse_line(line: str) -> dict | None:
    """One record, or None for a continuation line."""
    match = _LINE.match(line.rstrip("\n"))
    if not match:
        return None
    level = match["level"].upper()
    if level == "WARN":
        level = "WARNING"
    return {
        "time": dt.datetime.fromisoformat(match["time"]),
        "level": level,
        "logger": match["logger"],
        "message": match["message"],
    }


def parse(lines: Iterable[str]) -> Iterator[dict]:
    """Records in file order; continuation lines are folded into the previous message."""
    current: dict | None = None
    for line in lines:
        record = parse_line(line)
        if record is not None:
            if current is not None:
                yield current
            current = record
        elif current is not None and line.strip():
            current["message"] += "\n" + line.rstrip("\n")
    if current is not None:
        yield current
