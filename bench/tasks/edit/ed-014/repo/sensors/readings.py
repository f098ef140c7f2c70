"""Temperature readings and a per-sensor log of them.

Readings are kept in degrees Celsius; input in Fahrenheit or Kelvin is
converted on the way in.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass

ABSOLUTE_ZERO_C = -273.15


@dataclass
class Reading:
    """One measurement. Field order matters: it is the sort order."""

    taken_at: dt.datetime
    sensor_id: str
    celsius: float

    @property
    def fahrenheit(self) -> float:
        return self.celsius * 9 / 5 + 32

    @property
    def kelvin(self) -> float:
        return self.celsius - ABSOLUTE_ZERO_C


def to_celsius(value: float, unit: str) -> float:
    unit = unit.upper()
    if unit == "C":
        return value
    if unit == "F":
        return (value - 32) * 5 / 9
    if unit == "K":
        return value + ABSOLUTE_ZERO_C
    raise ValueError(f"unknown unit {unit!r}")


def parse_reading(line: str) -> Reading:
    """'kitchen,2024-01-05T08:00:00,68.5F' -> Reading in Celsius (unit letter defaults to C)."""
    sensor_id, stamp, value = (part.strip() for part in line.split(","))
    unit = value[-1] if value[-1:].isalpha() else "C"
    number = float(value[:-1] if value[-1:].isalpha() else value)
    celsius = to_celsius(number, unit)
    if celsius < ABSOLUTE_ZERO_C:
        raise ValueError(f"below absolute zero: {line!r}")
    return Reading(dt.datetime.fromisoformat(stamp), sensor_id, celsius)


class ReadingLog:
    """Readings grouped by sensor, each sensor's list in time order."""

    def __init__(self) -> None:
        self._by_sensor: dict[str, list[Reading]] = defaultdict(list)

    def add(self, reading: Reading) -> Reading:
        """Store the reading with its value rounded to 2 decimals; returns what was stored."""
        reading.celsius = round(reading.celsius, 2)
        series = self._by_sensor[reading.sensor_id]
        series.append(reading)
        series.sort(key=lambda r: r.taken_at)
        return reading

    def add_lines(self, lines: list[str]) -> int:
        count = 0
        for line in lines:
            if line.strip() and not line.lstrip().startswith("#"):
                self.add(parse_reading(line))
                count += 1
        return count

    def sensors(self) -> list[str]:
        return sorted(self._by_sensor)

    def series(self, sensor_id: str) -> list[Reading]:
        return list(self._by_sensor.get(sensor_id, []))

    def latest(self, sensor_id: str) -> Reading | None:
        series = self._by_sensor.get(sensor_id)
        return series[-1] if series else None

    def between(self, sensor_id: str, start: dt.datetime, end: dt.datetime) -> list[Reading]:
        return [r for r in self.series(sensor_id) if start <= r.taken_at < end]

    def average(self, sensor_id: str) -> float | None:
        values = [r.celsius for r in self.series(sensor_id)]
        return round(statistics.fmean(values), 2) if values else None

    def extremes(self, sensor_id: str) -> tuple[Reading, Reading] | None:
        """(coldest, warmest) readings of the sensor."""
        series = self.series(sensor_id)
        if not series:
            return None
        return min(series, key=lambda r: r.celsius), max(series, key=lambda r: r.celsius)

    def moving_average(self, sensor_id: str, size: int = 3) -> list[float]:
        """Averages of each run of `size` consecutive readings."""
        values = [r.celsius for r in self.series(sensor_id)]
        return [round(statistics.fmean(values[i : i + size]), 2) for i in range(len(values) - size + 1)]

    def outliers(self, sensor_id: str, limit: float = 3.0) -> list[Reading]:
        """Readings more than `limit` degrees away from the sensor's median."""
        series = self.series(sensor_id)
        if len(series) < 3:
            return []
        median = statistics.median(r.celsius for r in series)
        return [r for r in series if abs(r.celsius - median) > limit]

    def all_readings(self) -> list[Reading]:
        """Every reading of every sensor, by time then sensor."""
        return sorted(
            (r for series in self._by_sensor.values() for r in series), key=lambda r: (r.taken_at, r.sensor_id)
        )
