"""Simple polygons (no self-intersections), as used for rooms on a floor plan.

A polygon is a closed shape: its vertices are given in order, and there is
an edge from each vertex to the next and from the last vertex back to the
first. Vertices may be clockwise or counter-clockwise.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable, Iterator

from .vec import Point, close, cross, distance


@dataclass(frozen=True)
class Polygon:
    vertices: tuple[Point, ...]

    def __post_init__(self) -> None:
        if len(self.vertices) < 3:
            raise ValueError("a polygon needs at least 3 vertices")

    @classmethod
    def of(cls, points: Iterable[tuple[float, float]]) -> "Polygon":
        return cls(tuple(Point(float(x), float(y)) for x, y in points))

    @classmethod
    def rectangle(cls, x: float, y: float, width: float, height: float) -> "Polygon":
        return cls.of([(x, y), (x + width, y), (x + width, y + height), (x, y + height)])

    def __len__(self) -> int:
        return len(self.vertices)

    def edges(self) -> Iterator[tuple[Point, Point]]:
        """Every edge as (start, end), including the closing edge back to the first vertex."""
        n = len(self.vertices)
        for i in range(n):
            yield self.vertices[i], self.vertices[(i + 1) % n]

    def signed_area(self) -> float:
        """Shoelace formula: positive for counter-clockwise vertices."""
        return sum(a.x * b.y - b.x * a.y for a, b in self.edges()) / 2

    def area(self) -> float:
        return abs(self.signed_area())

    def is_clockwise(self) -> bool:
        return self.signed_area() < 0

    def perimeter(self) -> float:
        """Total length of the edges, in the plan's units (skirting board to buy)."""
        return sum(distance(a, b) for a, b in self.edges())

    def centroid(self) -> Point:
        """The centre of mass of the enclosed area."""
        a = self.signed_area()
        if close(a, 0.0):
            raise ValueError("degenerate polygon has no centroid")
        cx = cy = 0.0
        for p, q in self.edges():
            f = p.x * q.y - q.x * p.y
            cx += (p.x + q.x) * f
            cy += (p.y + q.y) * f
        return Point(cx / (6 * a), cy / (6 * a))

    def bounding_box(self) -> tuple[Point, Point]:
        xs = [p.x for p in self.vertices]
        ys = [p.y for p in self.vertices]
        return Point(min(xs), min(ys)), Point(max(xs), max(ys))

    def on_boundary(self, point: Point, tol: float = 1e-9) -> bool:
        for a, b in self.edges():
            if abs(cross(a, b, point)) <= tol * max(1.0, distance(a, b)):
                if min(a.x, b.x) - tol <= point.x <= max(a.x, b.x) + tol and (
                    min(a.y, b.y) - tol <= point.y <= max(a.y, b.y) + tol
                ):
                    return True
        return False

    def contains(self, point: Point) -> bool:
        """True for points inside or on the boundary (ray casting to the right)."""
        if self.on_boundary(point):
            return True
        inside = False
        for a, b in self.edges():
            if (a.y > point.y) != (b.y > point.y):
                x_cross = a.x + (point.y - a.y) * (b.x - a.x) / (b.y - a.y)
                if point.x < x_cross:
                    inside = not inside
        return inside

    def is_convex(self) -> bool:
        """True when every turn goes the same way (collinear vertices are allowed)."""
        n = len(self.vertices)
        signs = set()
        for i in range(n):
            turn = cross(self.vertices[i], self.vertices[(i + 1) % n], self.vertices[(i + 2) % n])
            if not close(turn, 0.0):
                signs.add(turn > 0)
        return len(signs) <= 1

    def interior_angles(self) -> list[float]:
        """The angle inside the polygon at each vertex, in degrees."""
        n = len(self.vertices)
        ccw = not self.is_clockwise()
        angles = []
        for i in range(n):
            prev, here, nxt = self.vertices[i - 1], self.vertices[i], self.vertices[(i + 1) % n]
            a1 = math.atan2(prev.y - here.y, prev.x - here.x)
            a2 = math.atan2(nxt.y - here.y, nxt.x - here.x)
            angle = math.degrees(a1 - a2) if ccw else math.degrees(a2 - a1)
            angles.append(angle % 360)
        return angles

    def translated(self, dx: float, dy: float) -> "Polygon":
        return Polygon(tuple(p + Point(dx, dy) for p in self.vertices))

    def scaled(self, factor: float, origin: Point | None = None) -> "Polygon":
        """Scale about `origin` (the centroid by default)."""
        o = origin if origin is not None else self.centroid()
        return Polygon(tuple(o + (p - o).scaled(factor) for p in self.vertices))

    def reversed(self) -> "Polygon":
        return Polygon(tuple(reversed(self.vertices)))

    def longest_edge(self) -> tuple[Point, Point]:
        return max(self.edges(), key=lambda e: distance(*e))


def total_area(rooms: Iterable[Polygon]) -> float:
    return sum(room.area() for room in rooms)


def skirting_length(rooms: Iterable[Polygon], door_widths: Iterable[float] = ()) -> float:
    """Skirting board for all rooms: their perimeters minus the door openings."""
    return sum(room.perimeter() for room in rooms) - sum(door_widths)
