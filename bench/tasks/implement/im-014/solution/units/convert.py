"""Converting quantities between units of the same dimension."""

from __future__ import annotations

import re

from .table import ConversionError, lookup

_QUANTITY = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*([A-Za-z]+)\s*$")


def convert(value: float, from_unit: str, to_unit: str) -> float:
    """Convert `value` from one unit to another.

    Units are resolved with `lookup` from units/table.py (symbols like "km" or
    aliases like "miles"). The value goes through the base unit:
    base = value * factor + offset, then result = (base - offset') / factor'
    (offsets matter for temperatures: 100 C is 212 F). Raises
    ConversionError when the two units have different dimensions (and
    UnknownUnit, a ConversionError, for a unit that is not known).
    """
    source = lookup(from_unit)
    target = lookup(to_unit)
    if source.dimension != target.dimension:
        raise ConversionError(f"cannot convert {source.dimension} ({from_unit}) to {target.dimension} ({to_unit})")
    base = value * source.factor + source.offset
    return (base - target.offset) / target.factor


def parse_quantity(text: str) -> tuple[float, str]:
    """'3.5 km' -> (3.5, 'km')."""
    match = _QUANTITY.match(text)
    if not match:
        raise ConversionError(f"not a quantity: {text!r}")
    return float(match.group(1)), match.group(2)


def format_quantity(value: float, unit: str, digits: int = 2) -> str:
    text = f"{value:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{value:.0f}"
    return f"{text} {unit}"


def convert_text(text: str, to_unit: str, digits: int = 2) -> str:
    """convert_text('5 km', 'mi') -> '3.11 mi'."""
    value, unit = parse_quantity(text)
    return format_quantity(convert(value, unit, to_unit), to_unit, digits)


def best_unit(value: float, unit: str, candidates: list[str]) -> tuple[float, str]:
    """Express the quantity in the candidate giving the smallest value that is still >= 1.

    Falls back to the candidate with the largest value when all are below 1.
    """
    options = [(convert(value, unit, c), c) for c in candidates]
    at_least_one = [o for o in options if abs(o[0]) >= 1]
    if at_least_one:
        return min(at_least_one, key=lambda o: abs(o[0]))
    return max(options, key=lambda o: abs(o[0]))


def scale_recipe(ingredients: dict[str, str], factor: float, digits: int = 1) -> dict[str, str]:
    """Multiply every '<number> <unit>' amount of a recipe by `factor`."""
    scaled = {}
    for name, amount in ingredients.items():
        value, unit = parse_quantity(amount)
        scaled[name] = format_quantity(value * factor, unit, digits)
    return scaled
