"""Simple polygons given by their corner points in order."""

from __future__ import annotations

from dataclasses import dataclass

from .vectors import Point, cross

SQUARE_METRES_PER_HECTARE = 10_000


@dataclass(frozen=True)
class Polygon:
    vertices: tuple[Point, ...]

    @classmethod
    def from_pairs(cls, pairs: list[tuple[float, float]]) -> Polygon:
        return cls(tuple(Point(x, y) for x, y in pairs))

    def edges(self) -> list[tuple[Point, Point]]:
        """Consecutive vertex pairs, including the closing edge from last to first."""
        n = len(self.vertices)
        if n < 2:
            return []
        return [(self.vertices[i], self.vertices[(i + 1) % n]) for i in range(n)]

    def signed_area(self) -> float:
        """The shoelace area: half the sum of `cross(a, b)` over every edge (a, b).

        Uses `cross` from plots/vectors.py and every edge including the closing
        one (last vertex back to the first). Positive when the vertices run
        counter-clockwise, negative when clockwise. A polygon with fewer than
        3 vertices has area 0.0.
        """
        ...

    def area(self) -> float:
        return abs(self.signed_area())

    def hectares(self) -> float:
        return self.area() / SQUARE_METRES_PER_HECTARE

    def is_clockwise(self) -> bool:
        return self.signed_area() < 0

    def perimeter(self) -> float:
        """Length of the fence around the plot."""
        return sum(a.distance_to(b) for a, b in self.edges())

    def centroid(self) -> Point:
        """Centre of mass of the plot's surface."""
        a = self.signed_area()
        if a == 0:
            raise ValueError("a degenerate polygon has no centroid")
        cx = sum((p.x + q.x) * cross(p, q) for p, q in self.edges()) / (6 * a)
        cy = sum((p.y + q.y) * cross(p, q) for p, q in self.edges()) / (6 * a)
        return Point(cx, cy)

    def counter_clockwise(self) -> Polygon:
        """The same plot with its vertices in counter-clockwise order."""
        return Polygon(tuple(reversed(self.vertices))) if self.is_clockwise() else self

    def translated(self, offset: Point) -> Polygon:
        return Polygon(tuple(v + offset for v in self.vertices))


def fence_cost(plot: Polygon, price_per_metre: float, gate_width: float = 0.0) -> float:
    """Price of fencing the plot, leaving room for a gate."""
    return max(plot.perimeter() - gate_width, 0.0) * price_per_metre


def total_area(plots: list[Polygon]) -> float:
    return sum(p.area() for p in plots)
