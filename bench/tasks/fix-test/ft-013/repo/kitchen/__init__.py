"""Recipes that scale to any number of servings, in amounts a cook can measure."""
