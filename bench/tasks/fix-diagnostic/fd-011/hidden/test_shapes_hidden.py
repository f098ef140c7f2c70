import math

import pytest

from geometry.bbox import Box
from geometry.shapes import Circle, Polygon, overall_bounds, rectangle, total_area
from geometry.vector import Vec

TRI = Polygon((Vec(0, 0), Vec(4, 0), Vec(0, 3)))


def test_polygon_bounds():
    box = TRI.bounds()
    assert isinstance(box, Box)
    assert box == Box(0, 0, 4, 3)
    assert rectangle(1, 2, 3, 4).bounds() == Box(1, 2, 4, 6)
    assert TRI.translate(-1, 1).bounds().height == 3


def test_overall_bounds():
    shapes = [TRI, Circle(Vec(10, 10), 1), rectangle(-2, 0, 1, 1)]
    assert overall_bounds(shapes) == Box(-2, 0, 11, 11)
    with pytest.raises(ValueError):
        overall_bounds([])


def test_polygon_measures():
    assert TRI.area() == 6
    assert TRI.perimeter() == 12
    assert TRI.contains(Vec(2, 1.5))
    assert TRI.contains(Vec(2, 0))
    assert not TRI.contains(Vec(3, 3))
    assert rectangle(0, 0, 2, 2).centroid() == Vec(1, 1)
    assert not Polygon((Vec(0, 0), Vec(2, 0), Vec(1, 0.5), Vec(2, 2), Vec(0, 2))).is_convex()
    assert math.isclose(total_area([TRI, Circle(Vec(0, 0), 1)]), 6 + math.pi)
    assert Circle(Vec(0, 0), 5).contains(Vec(3, 4))
