"""Simple polygons in the plane.

Vertices are kept in the order given; most measures do not care about the
winding, and `to_ccw` normalises it when something does.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Iterable


@dataclass(frozen=True)
class Point:
    x: float
    y: float

    def __add__(self, other: Point) -> Point:
        return Point(self.x + other.x, self.y + other.y)

    def __sub__(self, other: Point) -> Point:
        return Point(self.x - other.x, self.y - other.y)

    def distance(self, other: Point) -> float:
        return math.hypot(self.x - other.x, self.y - other.y)

    def cross(self, other: Point) -> float:
        return self.x * other.y - self.y * other.x


class Polygon:
    """A simple (non self-intersecting) polygon given by at least 3 vertices."""

    def __init__(self, vertices: Iterable[Point | tuple[float, float]]) -> None:
        points = [v if isinstance(v, Point) else Point(*v) for v in vertices]
        if len(points) < 3:
            raise ValueError("a polygon needs at least 3 vertices")
        self.vertices = points

    def __repr__(self) -> str:
        inner = ", ".join(f"({p.x:g}, {p.y:g})" for p in self.vertices)
        return f"{type(self).__name__}([{inner}])"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Polygon) and self.vertices == other.vertices

    def __hash__(self) -> int:
        return hash(tuple(self.vertices))

    def edges(self) -> list[tuple[Point, Point]]:
        """Consecutive vertex pairs, closing back to the first vertex."""
        pts = self.vertices
        return [(pts[i], pts[(i + 1) % len(pts)]) for i in range(len(pts))]

    def signed_area(self) -> float:
        """Shoelace formula: positive for counter-clockwise vertices."""
        return sum(a.cross(b) for a, b in self.edges()) / 2.0

    def area(self) -> float:
        """The enclosed area, whatever the winding."""
        return abs(self.signed_area())

    def perimeter(self) -> float:
        return sum(a.distance(b) for a, b in self.edges())

    def is_clockwise(self) -> bool:
        return self.signed_area() < 0

    def to_ccw(self) -> Polygon:
        """The same polygon with counter-clockwise vertices."""
        if self.is_clockwise():
            return Polygon(reversed(self.vertices))
        return Polygon(self.vertices)

    def centroid(self) -> Point:
        """The centre of mass of the enclosed region."""
        a = self.signed_area()
        if a == 0:
            raise ValueError("degenerate polygon has no centroid")
        cx = cy = 0.0
        for p, q in self.edges():
            f = p.cross(q)
            cx += (p.x + q.x) * f
            cy += (p.y + q.y) * f
        return Point(cx / (6 * a), cy / (6 * a))

    def bounding_box(self) -> tuple[Point, Point]:
        xs = [p.x for p in self.vertices]
        ys = [p.y for p in self.vertices]
        return Point(min(xs), min(ys)), Point(max(xs), max(ys))

    def contains(self, point: Point) -> bool:
        """Ray casting; points exactly on an edge may go either way."""
        inside = False
        for a, b in self.edges():
            if (a.y > point.y) != (b.y > point.y):
                x_cross = a.x + (point.y - a.y) * (b.x - a.x) / (b.y - a.y)
                if point.x < x_cross:
                    inside = not inside
        return inside

    def is_convex(self) -> bool:
        signs = set()
        pts = self.vertices
        for i in range(len(pts)):
            a, b, c = pts[i], pts[(i + 1) % len(pts)], pts[(i + 2) % len(pts)]
            turn = (b - a).cross(c - b)
            if turn:
                signs.add(turn > 0)
        return len(signs) <= 1

    def translate(self, dx: float, dy: float) -> Polygon:
        return Polygon(Point(p.x + dx, p.y + dy) for p in self.vertices)

    def scale(self, factor: float, origin: Point = Point(0, 0)) -> Polygon:
        return Polygon(
            Point(origin.x + (p.x - origin.x) * factor, origin.y + (p.y - origin.y) * factor) for p in self.vertices
        )


class Rectangle(Polygon):
    """An axis-aligned rectangle from its lower-left corner and size."""

    def __init__(self, x: float, y: float, width: float, height: float) -> None:
        if width <= 0 or height <= 0:
            raise ValueError("width and height must be positive")
        self.width = width
        self.height = height
        super().__init__([(x, y), (x + width, y), (x + width, y + height), (x, y + height)])

    def area(self) -> float:
        return self.width * self.height

    def perimeter(self) -> float:
        return 2 * (self.width + self.height)


def regular_polygon(sides: int, radius: float, center: Point = Point(0, 0)) -> Polygon:
    """A regular polygon with its first vertex straight right of the centre."""
    if sides < 3:
        raise ValueError("a regular polygon needs at least 3 sides")
    step = 2 * math.pi / sides
    return Polygon(
        Point(center.x + radius * math.cos(i * step), center.y + radius * math.sin(i * step)) for i in range(sides)
    )


def union_area_estimate(polygons: list[Polygon], samples: int = 200) -> float:
    """Area covered by any of `polygons`, estimated on a regular grid over their bounding box."""
    if not polygons:
        return 0.0
    if len(polygons) == 1:
        return polygons[0].area()
    lows, highs = zip(*(p.bounding_box() for p in polygons))
    x0, y0 = min(p.x for p in lows), min(p.y for p in lows)
    x1, y1 = max(p.x for p in highs), max(p.y for p in highs)
    dx, dy = (x1 - x0) / samples, (y1 - y0) / samples
    hits = 0
    for i in range(samples):
        for j in range(samples):
            point = Point(x0 + (i + 0.5) * dx, y0 + (j + 0.5) * dy)
            if any(poly.contains(point) for poly in polygons):
                hits += 1
    return hits * dx * dy
