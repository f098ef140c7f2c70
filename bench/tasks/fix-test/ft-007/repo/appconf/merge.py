"""Combining nested settings dictionaries."""

from __future__ import annotations

import copy
from typing import Any


def deep_merge(base: dict, override: dict) -> dict:
    """A new dict: `base` with `override` laid on top, section by section.

    Nested dicts are merged key by key; any other value in `override`
    (including lists) replaces the one in `base`. Neither argument is
    modified, and the result shares no nested dict or list with them.
    """
    result = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = deep_merge(result[key], value)
        else:
            result[key] = copy.deepcopy(value)
    return result


def flatten(settings: dict, prefix: str = "") -> dict[str, Any]:
    """{"a": {"b": 1}} -> {"a.b": 1}."""
    flat: dict[str, Any] = {}
    for key, value in settings.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, name + "."))
        else:
            flat[name] = value
    return flat
