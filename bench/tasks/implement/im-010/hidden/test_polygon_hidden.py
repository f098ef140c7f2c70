import pytest

from plots.polygon import Polygon, total_area
from plots.vectors import Point

CCW_SQUARE = Polygon.from_pairs([(0, 0), (4, 0), (4, 4), (0, 4)])


def test_counter_clockwise_positive():
    assert CCW_SQUARE.signed_area() == pytest.approx(16.0)


def test_clockwise_negative():
    cw = Polygon.from_pairs([(0, 0), (0, 4), (4, 4), (4, 0)])
    assert cw.signed_area() == pytest.approx(-16.0)
    assert cw.is_clockwise()
    assert cw.area() == pytest.approx(16.0)


def test_triangle_and_offset():
    tri = Polygon.from_pairs([(10, 10), (16, 10), (10, 13)])
    assert tri.signed_area() == pytest.approx(9.0)


def test_l_shape():
    l_shape = Polygon.from_pairs([(0, 0), (3, 0), (3, 1), (1, 1), (1, 3), (0, 3)])
    assert l_shape.area() == pytest.approx(5.0)


def test_degenerate():
    assert Polygon.from_pairs([(0, 0), (5, 5)]).signed_area() == 0.0
    assert Polygon(()).signed_area() == 0.0


def test_callers():
    assert CCW_SQUARE.centroid() == Point(2, 2)
    assert total_area([CCW_SQUARE, CCW_SQUARE]) == pytest.approx(32)
