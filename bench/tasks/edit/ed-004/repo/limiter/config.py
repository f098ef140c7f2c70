"""Route limits as written in the service's settings."""

from __future__ import annotations

from dataclasses import dataclass

UNITS = {"s": 1.0, "sec": 1.0, "m": 60.0, "min": 60.0, "h": 3600.0, "hour": 3600.0}


@dataclass(frozen=True)
class RouteLimit:
    prefix: str
    rate: float
    per: float
    burst: int | None = None


def parse_rate(text: str) -> tuple[float, float]:
    """'10/s' -> (10.0, 1.0); '300/m' -> (300.0, 60.0); '5/30s' -> (5.0, 30.0)."""
    count, slash, period = text.replace(" ", "").partition("/")
    if not slash:
        raise ValueError(f"rate {text!r} needs a '/'")
    digits = period.rstrip("abcdefghijklmnopqrstuvwxyz")
    unit = period[len(digits) :]
    if unit not in UNITS:
        raise ValueError(f"unknown time unit in {text!r}")
    multiple = float(digits) if digits else 1.0
    return float(count), multiple * UNITS[unit]


def load_limits(settings: dict) -> list[RouteLimit]:
    """Read {"routes": [{"prefix": "/api", "rate": "10/s", "burst": 20}, ...]}."""
    limits = []
    for route in settings.get("routes", []):
        rate, per = parse_rate(route["rate"])
        burst = route.get("burst")
        if burst is not None and int(burst) < 1:
            raise ValueError(f"burst for {route['prefix']} must be at least 1")
        limits.append(RouteLimit(route["prefix"], rate, per, int(burst) if burst is not None else None))
    return limits
