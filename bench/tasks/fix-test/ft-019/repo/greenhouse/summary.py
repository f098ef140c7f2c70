"""Daily summaries and alerts for the greenhouse sensors.

Sensors report in different units (see readings.Reading.unit); every
figure this module produces is in degrees Celsius.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from .readings import Reading
from .units import format_temp, to_celsius


@dataclass(frozen=True)
class DayStats:
    sensor: str
    day: dt.date
    low: float
    high: float
    mean: float
    count: int

    def line(self) -> str:
        return (
            f"{self.day} {self.sensor:<8} low {format_temp(self.low)}  high {format_temp(self.high)}"
            f"  mean {format_temp(self.mean)}  ({self.count} readings)"
        )


@dataclass(frozen=True)
class Alert:
    sensor: str
    time: dt.datetime
    celsius: float
    kind: str  # "frost" or "heat"


def by_sensor_and_day(readings: Iterable[Reading]) -> dict[tuple[str, dt.date], list[Reading]]:
    groups: dict[tuple[str, dt.date], list[Reading]] = defaultdict(list)
    for reading in readings:
        groups[(reading.sensor, reading.time.date())].append(reading)
    return dict(sorted(groups.items()))


def daily_stats(readings: Iterable[Reading]) -> list[DayStats]:
    """Low, high and mean temperature (°C, two decimals) per sensor and day."""
    result = []
    for (sensor, day), group in by_sensor_and_day(readings).items():
        temps = [r.value for r in group]
        low, high, mean = round(min(temps), 2), round(max(temps), 2), round(statistics.fmean(temps), 2)
        result.append(DayStats(sensor, day, low, high, mean, len(temps)))
    return result


def alerts(readings: Iterable[Reading], frost_below: float = 2.0, heat_above: float = 35.0) -> list[Alert]:
    """Readings colder than `frost_below` or hotter than `heat_above` °C, in time order."""
    found = []
    for reading in sorted(readings, key=lambda r: r.time):
        celsius = to_celsius(reading.value, reading.unit)
        if celsius < frost_below:
            found.append(Alert(reading.sensor, reading.time, round(celsius, 2), "frost"))
        elif celsius > heat_above:
            found.append(Alert(reading.sensor, reading.time, round(celsius, 2), "heat"))
    return found


def warmest_sensor(stats: list[DayStats]) -> str | None:
    """The sensor with the highest mean over all its days."""
    means: dict[str, list[float]] = defaultdict(list)
    for s in stats:
        means[s.sensor].append(s.mean)
    if not means:
        return None
    return max(means, key=lambda sensor: (statistics.fmean(means[sensor]), sensor))


def daily_range(stats: list[DayStats]) -> dict[str, float]:
    """The largest high-minus-low swing each sensor saw in a day."""
    swings: dict[str, float] = {}
    for s in stats:
        swings[s.sensor] = max(swings.get(s.sensor, 0.0), round(s.high - s.low, 2))
    return dict(sorted(swings.items()))


def report(readings: list[Reading]) -> str:
    stats = daily_stats(readings)
    lines = [s.line() for s in stats]
    warn = alerts(readings)
    if warn:
        lines.append(f"{len(warn)} alert(s):")
        lines += [f"  {a.time:%Y-%m-%d %H:%M} {a.sensor} {a.kind} {format_temp(a.celsius)}" for a in warn]
    return "\n".join(lines)
