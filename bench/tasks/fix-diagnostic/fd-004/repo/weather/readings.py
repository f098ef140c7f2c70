"""One reading per line: station,ISO timestamp,temp °F,rain inches,wind mph."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Reading:
    station: str
    at: dt.datetime
    temp_f: float
    rain_in: float
    wind_mph: float


def parse_reading(line: str) -> Reading:
    station, at, temp, rain, wind = (part.strip() for part in line.split(","))
    return Reading(station, dt.datetime.fromisoformat(at), float(temp), float(rain), float(wind))


def parse_readings(text: str) -> list[Reading]:
    """Parse many lines; blank lines and '#' comments are skipped."""
    return [parse_reading(line) for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
