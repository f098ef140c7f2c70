"""2-D vectors (points are vectors from the origin)."""

from __future__ import annotations

import math
from typing import NamedTuple


class Vec(NamedTuple):
    x: float
    y: float

    def __add__(self, other: "Vec") -> "Vec":  # type: ignore[override]
        return Vec(self.x + other.x, self.y + other.y)

    def __sub__(self, other: "Vec") -> "Vec":
        return Vec(self.x - other.x, self.y - other.y)

    def scale(self, k: float) -> "Vec":
        return Vec(self.x * k, self.y * k)


def dot(a: Vec, b: Vec) -> float:
    return a.x * b.x + a.y * b.y


def cross(a: Vec, b: Vec) -> float:
    """The z component of a x b: positive when b turns left from a."""
    return a.x * b.y - a.y * b.x


def length(v: Vec) -> float:
    return math.hypot(v.x, v.y)


def dist(a: Vec, b: Vec) -> float:
    return length(a - b)
