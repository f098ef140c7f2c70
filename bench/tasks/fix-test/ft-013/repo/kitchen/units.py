"""Units used in recipes and how finely each can be measured."""

from __future__ import annotations

import math

# unit -> smallest step a cook measures in
STEPS = {"g": 5, "ml": 5, "tsp": 0.25, "tbsp": 0.5, "cup": 0.25}
# counted things: you cannot buy half an egg, so these round up
COUNTED = {"egg", "clove", "pc", "sheet"}
TO_GRAMS = {"g": 1, "kg": 1000}
TO_ML = {"ml": 1, "l": 1000, "tsp": 5, "tbsp": 15, "cup": 240}


def round_quantity(value: float, unit: str) -> float | int:
    """Round a scaled amount to what a cook can measure in `unit`.

    g and ml go to the nearest 5, tsp and cup to the nearest quarter, tbsp to
    the nearest half (halves always round up); counted units (egg, clove...)
    round up to a whole number. A non-zero amount never rounds down to zero:
    it becomes one step. Whole results are returned as int.
    """
    if value <= 0:
        return 0
    if unit in COUNTED:
        return math.ceil(value - 1e-9)
    step = STEPS.get(unit)
    if step is None:
        return round(value, 2)
    rounded = max(step, math.floor(value / step + 0.5) * step)
    return int(rounded) if float(rounded).is_integer() else rounded


def to_base(quantity: float, unit: str) -> tuple[float, str]:
    """Convert to grams or millilitres where possible: (0.5, 'kg') -> (500, 'g')."""
    if unit in TO_GRAMS:
        return quantity * TO_GRAMS[unit], "g"
    if unit in TO_ML:
        return quantity * TO_ML[unit], "ml"
    return quantity, unit
