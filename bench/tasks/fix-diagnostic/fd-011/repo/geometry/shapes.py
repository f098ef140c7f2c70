"""Shapes of the floor plan: circles, rectangles and simple polygons.

Every shape has `area()`, `perimeter()`, `contains(point)` (boundary
included), `bounds()` (a bounding box) and `translate(dx, dy)`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import reduce

from . import bbox
from .vector import Vec, cross, dist

EPS = 1e-9


@dataclass(frozen=True)
class Circle:
    center: Vec
    radius: float

    def area(self) -> float:
        return math.pi * self.radius**2

    def perimeter(self) -> float:
        return 2 * math.pi * self.radius

    def contains(self, p: Vec) -> bool:
        return dist(self.center, p) <= self.radius + EPS

    def bounds(self):
        return bbox.around(self.center, self.radius)

    def translate(self, dx: float, dy: float) -> "Circle":
        return Circle(self.center + Vec(dx, dy), self.radius)


@dataclass(frozen=True)
class Polygon:
    """A simple polygon; points in order (either direction), not repeating the first."""

    points: tuple[Vec, ...]

    def __post_init__(self) -> None:
        if len(self.points) < 3:
            raise ValueError("a polygon needs at least 3 points")

    def edges(self) -> list[tuple[Vec, Vec]]:
        pts = self.points
        return [(pts[i], pts[(i + 1) % len(pts)]) for i in range(len(pts))]

    def signed_area(self) -> float:
        """Positive for counter-clockwise points (shoelace formula)."""
        return sum(cross(a, b) for a, b in self.edges()) / 2

    def area(self) -> float:
        return abs(self.signed_area())

    def perimeter(self) -> float:
        return sum(dist(a, b) for a, b in self.edges())

    def centroid(self) -> Vec:
        a = self.signed_area()
        cx = sum((p.x + q.x) * cross(p, q) for p, q in self.edges()) / (6 * a)
        cy = sum((p.y + q.y) * cross(p, q) for p, q in self.edges()) / (6 * a)
        return Vec(cx, cy)

    def contains(self, p: Vec) -> bool:
        """Ray casting, with points on an edge counted as inside."""
        inside = False
        for a, b in self.edges():
            if abs(cross(b - a, p - a)) <= EPS and min(a.x, b.x) - EPS <= p.x <= max(a.x, b.x) + EPS \
                    and min(a.y, b.y) - EPS <= p.y <= max(a.y, b.y) + EPS:
                return True
            if (a.y > p.y) != (b.y > p.y):
                x_cross = a.x + (p.y - a.y) * (b.x - a.x) / (b.y - a.y)
                if p.x < x_cross:
                    inside = not inside
        return inside

    def bounds(self):
        xs = [p.x for p in self.points]
        ys = [p.y for p in self.points]
        return BoundingBox(min(xs), min(ys), max(xs), max(ys))

    def translate(self, dx: float, dy: float) -> "Polygon":
        return Polygon(tuple(p + Vec(dx, dy) for p in self.points))

    def is_convex(self) -> bool:
        signs = set()
        pts = self.points
        for i in range(len(pts)):
            turn = cross(pts[(i + 1) % len(pts)] - pts[i], pts[(i + 2) % len(pts)] - pts[(i + 1) % len(pts)])
            if abs(turn) > EPS:
                signs.add(turn > 0)
        return len(signs) <= 1


def rectangle(x: float, y: float, width: float, height: float) -> Polygon:
    """An axis-aligned rectangle as a counter-clockwise polygon."""
    if width <= 0 or height <= 0:
        raise ValueError("width and height must be positive")
    return Polygon((Vec(x, y), Vec(x + width, y), Vec(x + width, y + height), Vec(x, y + height)))


def total_area(shapes) -> float:
    return sum(shape.area() for shape in shapes)


def overall_bounds(shapes):
    """The bounding box of several shapes together."""
    shapes = list(shapes)
    if not shapes:
        raise ValueError("no shapes")
    return reduce(lambda acc, box: acc.union(box), (s.bounds() for s in shapes))
