"""The Job record."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Job:
    id: str
    kind: str
    priority: int = 0  # higher runs first
    payload: dict[str, Any] = field(default_factory=dict)
    attempts: int = 0
