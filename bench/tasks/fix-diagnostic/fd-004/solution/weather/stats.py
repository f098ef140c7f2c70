"""Daily and per-station summaries of readings, in metric units."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from . import units
from .readings import Reading


@dataclass(frozen=True)
class DaySummary:
    day: dt.date
    min_c: float
    max_c: float
    mean_c: float
    rain_mm: float
    max_wind_kmh: float
    count: int


def group_by_day(readings: list[Reading]) -> dict[dt.date, list[Reading]]:
    """Readings per calendar day, days in order, readings in time order."""
    days: dict[dt.date, list[Reading]] = defaultdict(list)
    for reading in sorted(readings, key=lambda r: r.at):
        days[reading.at.date()].append(reading)
    return dict(sorted(days.items()))


def group_by_station(readings: list[Reading]) -> dict[str, list[Reading]]:
    stations: dict[str, list[Reading]] = defaultdict(list)
    for reading in readings:
        stations[reading.station].append(reading)
    return dict(sorted(stations.items()))


def daily_summary(readings: list[Reading]) -> list[DaySummary]:
    """One summary per day: temperatures in °C, total rain in mm, top wind in km/h.

    Every value is rounded to one decimal.
    """
    summaries = []
    for day, day_readings in group_by_day(readings).items():
        temps = [units.fahrenheit_to_celsius(r.temp_f) for r in day_readings]
        summaries.append(
            DaySummary(
                day=day,
                min_c=units.round1(min(temps)),
                max_c=units.round1(max(temps)),
                mean_c=units.round1(sum(temps) / len(temps)),
                rain_mm=units.round1(units.inches_to_mm(sum(r.rain_in for r in day_readings))),
                max_wind_kmh=units.round1(units.mph_to_kmh(max(r.wind_mph for r in day_readings))),
                count=len(day_readings),
            )
        )
    return summaries


def rainiest_day(readings: list[Reading]) -> dt.date | None:
    """The day with the most rain (the earliest on a tie); None without readings."""
    best: tuple[float, dt.date] | None = None
    for summary in daily_summary(readings):
        if best is None or summary.rain_mm > best[0]:
            best = (summary.rain_mm, summary.day)
    return best[1] if best else None


def station_totals(readings: list[Reading]) -> dict[str, float]:
    """Total rain per station in mm, rounded to one decimal."""
    return {
        station: units.round1(units.inches_to_mm(sum(r.rain_in for r in rows)))
        for station, rows in group_by_station(readings).items()
    }


def frost_days(readings: list[Reading]) -> list[dt.date]:
    """Days on which any reading was at or below freezing (32 °F)."""
    return [day for day, rows in group_by_day(readings).items() if any(r.temp_f <= 32.0 for r in rows)]


def windy_readings(readings: list[Reading], threshold_kmh: float) -> list[Reading]:
    """Readings whose wind, converted to km/h, is at least `threshold_kmh`."""
    return [r for r in readings if units.mph_to_kmh(r.wind_mph) >= threshold_kmh]


def format_summary(summary: DaySummary) -> str:
    """A one-line report, e.g. '2024-03-01  -1.2..8.4 °C  rain 3.0 mm  wind 40.2 km/h'."""
    return (
        f"{summary.day.isoformat()}  {summary.min_c}..{summary.max_c} °C"
        f"  rain {summary.rain_mm} mm  wind {summary.max_wind_kmh} km/h"
    )
