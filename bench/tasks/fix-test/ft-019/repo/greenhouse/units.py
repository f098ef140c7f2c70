"""Temperature units. Older sensors report Fahrenheit, the lab probe Kelvin."""

from __future__ import annotations

UNITS = ("C", "F", "K")


def to_celsius(value: float, unit: str) -> float:
    """Convert a temperature in `unit` ('C', 'F' or 'K') to degrees Celsius."""
    unit = unit.upper()
    if unit == "C":
        return value
    if unit == "F":
        return (value - 32) * 5 / 9
    if unit == "K":
        return value - 273.15
    raise ValueError(f"unknown temperature unit {unit!r}")


def format_temp(celsius: float) -> str:
    return f"{celsius:.1f} °C"
