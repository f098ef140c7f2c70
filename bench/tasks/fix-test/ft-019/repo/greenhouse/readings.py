"""Sensor readings as they arrive from the collectors."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass


@dataclass(frozen=True)
class Reading:
    sensor: str
    time: dt.datetime
    value: float
    unit: str  # "C", "F" or "K", whatever the sensor reports in


def parse_csv(text: str) -> list[Reading]:
    """Rows of sensor,time,value,unit with ISO times; blank lines are skipped."""
    rows = csv.DictReader(io.StringIO(text))
    return [
        Reading(
            row["sensor"].strip(),
            dt.datetime.fromisoformat(row["time"].strip()),
            float(row["value"]),
            row["unit"].strip(),
        )
        for row in rows
        if row.get("sensor")
    ]
