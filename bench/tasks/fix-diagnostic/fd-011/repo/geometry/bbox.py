"""Axis-aligned bounding boxes."""

from __future__ import annotations

from dataclasses import dataclass

from .vector import Vec


@dataclass(frozen=True)
class Box:
    min_x: float
    min_y: float
    max_x: float
    max_y: float

    @property
    def width(self) -> float:
        return self.max_x - self.min_x

    @property
    def height(self) -> float:
        return self.max_y - self.min_y

    def contains(self, p: Vec) -> bool:
        return self.min_x <= p.x <= self.max_x and self.min_y <= p.y <= self.max_y

    def union(self, other: "Box") -> "Box":
        return Box(
            min(self.min_x, other.min_x),
            min(self.min_y, other.min_y),
            max(self.max_x, other.max_x),
            max(self.max_y, other.max_y),
        )


def around(center: Vec, radius: float) -> Box:
    """The box of a circle."""
    return Box(center.x - radius, center.y - radius, center.x + radius, center.y + radius)
