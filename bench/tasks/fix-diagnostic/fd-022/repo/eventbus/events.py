"""Event names are dotted ('order.created'); patterns may end with '.*'."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Event:
    name: str
    payload: dict[str, Any] = field(default_factory=dict)


def matches(pattern: str, name: str) -> bool:
    """'*' matches everything; 'order.*' matches 'order.created' and 'order.paid.late'."""
    if pattern == "*" or pattern == name:
        return True
    if pattern.endswith(".*"):
        return name.startswith(pattern[:-1])
    return False


def validate_name(name: str) -> str:
    parts = name.split(".")
    if not name or any(not p or not p.replace("_", "").isalnum() for p in parts):
        raise ValueError(f"bad event name {name!r}")
    return name
