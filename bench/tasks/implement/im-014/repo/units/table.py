"""Known units.

Each unit has a dimension and the linear map to that dimension's base unit:
    base_value = value * factor + offset
Base units: metre (length), kilogram (mass), litre (volume), kelvin (temperature).
"""

from __future__ import annotations

from dataclasses import dataclass


class ConversionError(ValueError):
    """A conversion that cannot be done."""


class UnknownUnit(ConversionError):
    def __init__(self, name: str) -> None:
        super().__init__(f"unknown unit {name!r}")
        self.name = name


@dataclass(frozen=True)
class Unit:
    symbol: str
    dimension: str
    factor: float
    offset: float = 0.0


UNITS: dict[str, Unit] = {
    u.symbol: u
    for u in [
        Unit("m", "length", 1.0),
        Unit("km", "length", 1000.0),
        Unit("cm", "length", 0.01),
        Unit("mi", "length", 1609.344),
        Unit("ft", "length", 0.3048),
        Unit("kg", "mass", 1.0),
        Unit("g", "mass", 0.001),
        Unit("lb", "mass", 0.45359237),
        Unit("l", "volume", 1.0),
        Unit("ml", "volume", 0.001),
        Unit("cup", "volume", 0.2365882365),
        Unit("K", "temperature", 1.0),
        Unit("C", "temperature", 1.0, 273.15),
        Unit("F", "temperature", 5 / 9, 273.15 - 32 * 5 / 9),
    ]
}

ALIASES = {"meter": "m", "metre": "m", "mile": "mi", "miles": "mi", "gram": "g", "grams": "g", "litre": "l"}


def lookup(name: str) -> Unit:
    """The Unit for a symbol or alias (aliases are matched case-insensitively).

    Raises UnknownUnit for anything else.
    """
    if name in UNITS:
        return UNITS[name]
    alias = ALIASES.get(name.lower())
    if alias is None:
        raise UnknownUnit(name)
    return UNITS[alias]
