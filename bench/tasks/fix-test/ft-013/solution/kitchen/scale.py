"""Scaling recipes to a different number of servings.

Scaled amounts are rounded with units.round_quantity, so a recipe for 6
never asks for 4.5 eggs or 0.3125 teaspoons of salt.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from . import units


@dataclass(frozen=True)
class Ingredient:
    name: str
    quantity: float
    unit: str

    def __str__(self) -> str:
        return f"{self.quantity:g} {self.unit} {self.name}"


@dataclass
class Recipe:
    title: str
    servings: int
    ingredients: list[Ingredient] = field(default_factory=list)

    def add(self, name: str, quantity: float, unit: str) -> "Recipe":
        self.ingredients.append(Ingredient(name, quantity, unit))
        return self


def scale_ingredient(ingredient: Ingredient, factor: float) -> Ingredient:
    """The ingredient with its quantity multiplied by `factor` and rounded for the kitchen."""
    quantity = units.round_quantity(ingredient.quantity * factor, ingredient.unit)
    return Ingredient(ingredient.name, quantity, ingredient.unit)


def scale(recipe: Recipe, servings: int) -> Recipe:
    """The same recipe for `servings` people."""
    if servings < 1:
        raise ValueError("servings must be at least 1")
    factor = servings / recipe.servings
    return Recipe(recipe.title, servings, [scale_ingredient(i, factor) for i in recipe.ingredients])


def shopping_list(recipes: list[Recipe]) -> dict[str, tuple[float, str]]:
    """Total of each ingredient over several recipes, in grams or ml where possible."""
    totals: dict[tuple[str, str], float] = defaultdict(float)
    for recipe in recipes:
        for ing in recipe.ingredients:
            qty, unit = units.to_base(ing.quantity, ing.unit)
            totals[(ing.name, unit)] += qty
    return {name: (round(qty, 2), unit) for (name, unit), qty in sorted(totals.items())}


def card(recipe: Recipe) -> str:
    lines = [f"{recipe.title} (serves {recipe.servings})"]
    lines += [f"- {ing}" for ing in recipe.ingredients]
    return "\n".join(lines)
