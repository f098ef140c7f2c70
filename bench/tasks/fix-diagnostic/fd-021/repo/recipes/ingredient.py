"""Ingredient lines like '1.5 cup milk' or '3 egg'."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Ingredient:
    quantity: float
    unit: str  # '' for countable things (eggs)
    name: str

    def __str__(self) -> str:
        qty = f"{self.quantity:g}"
        return f"{qty} {self.unit} {self.name}" if self.unit else f"{qty} {self.name}"


KNOWN_UNITS = {"g", "kg", "ml", "l", "cup", "tbsp", "tsp", "oz", "lb", "pinch"}


def parse_ingredient(line: str) -> Ingredient:
    qty, _, rest = line.strip().partition(" ")
    unit, _, name = rest.partition(" ")
    if unit not in KNOWN_UNITS:
        unit, name = "", rest
    return Ingredient(float(qty), unit, name.strip())
