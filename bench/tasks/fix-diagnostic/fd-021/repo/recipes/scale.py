"""Scale a recipe to a number of servings and convert it to metric units."""

from __future__ import annotations

from .ingredient import Ingredient, parse_ingredient


def to_metric(item: Ingredient) -> Ingredient:
    """Convert imperial and kitchen units to g or ml; other units are kept.

    Grams and millilitres of 1000 or more become kg and l.
    """
    factors = {
        "cup": ("ml", 240.0),
        "tbsp": ("ml", 15.0)
        "tsp": ("ml", 5.0),
        "oz": ("g", 28.35),
        "lb": ("g", 453.6),
    }
    unit, factor = factors.get(item.unit, (item.unit, 1.0))
    quantity = round(item.quantity * factor, 1)
    if unit in ("g", "ml") and quantity >= 1000:
        unit, quantity = ("kg" if unit == "g" else "l"), round(quantity / 1000, 2)
    return Ingredient(quantity, unit, item.name)


def scale(items: list[Ingredient], servings_from: int, servings_to: int) -> list[Ingredient]:
    """Multiply every quantity; countable items (no unit) are rounded up to whole ones."""
    if servings_from <= 0 or servings_to <= 0:
        raise ValueError("servings must be positive")
    ratio = servings_to / servings_from
    out = []
    for item in items:
        quantity = item.quantity * ratio
        if not item.unit:
            quantity = float(-(-quantity // 1))
        out.append(Ingredient(round(quantity, 2), item.unit, item.name))
    return out


def convert_recipe(text: str, servings_from: int, servings_to: int) -> list[str]:
    """Parse ingredient lines, scale them, convert to metric, and format them back."""
    items = [parse_ingredient(line) for line in text.splitlines() if line.strip()]
    return [str(to_metric(item)) for item in scale(items, servings_from, servings_to)]


def shopping_list(recipes: list[list[Ingredient]]) -> list[Ingredient]:
    """Add up the same ingredient across recipes, after converting to metric.

    Quantities of the same name and unit are summed; the list is sorted by name.
    """
    totals: dict[tuple[str, str], float] = {}
    for items in recipes:
        for item in items:
            metric = to_metric(item)
            key = (metric.name, metric.unit)
            totals[key] = totals.get(key, 0.0) + metric.quantity
    return [Ingredient(round(qty, 2), unit, name) for (name, unit), qty in sorted(totals.items())]


def total_weight_g(items: list[Ingredient]) -> float:
    """Grams of everything measured by weight (kg counted as 1000 g)."""
    grams = 0.0
    for item in map(to_metric, items):
        if item.unit == "g":
            grams += item.quantity
        elif item.unit == "kg":
            grams += item.quantity * 1000
    return round(grams, 1)
