"""2-D points and the vector products used by the polygon code."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Point:
    x: float
    y: float

    def __add__(self, other: Point) -> Point:
        return Point(self.x + other.x, self.y + other.y)

    def __sub__(self, other: Point) -> Point:
        return Point(self.x - other.x, self.y - other.y)

    def scaled(self, k: float) -> Point:
        return Point(self.x * k, self.y * k)

    def distance_to(self, other: Point) -> float:
        return math.hypot(self.x - other.x, self.y - other.y)


def cross(a: Point, b: Point) -> float:
    """The z component of the cross product of vectors a and b (a.x*b.y - a.y*b.x)."""
    return a.x * b.y - a.y * b.x


def dot(a: Point, b: Point) -> float:
    return a.x * b.x + a.y * b.y
