import pytest

from shapes.polygon import Polygon, skirting_length
from shapes.vec import distance


def test_triangle_perimeter_includes_closing_edge():
    assert Polygon.of([(0, 0), (3, 0), (0, 4)]).perimeter() == pytest.approx(12)


def test_perimeter_equals_sum_of_edges():
    poly = Polygon.of([(1, 1), (6, 2), (5, 7), (0, 5), (-2, 3)])
    assert poly.perimeter() == pytest.approx(sum(distance(a, b) for a, b in poly.edges()))


def test_perimeter_independent_of_start_and_direction():
    pts = [(0, 0), (8, 0), (8, 2), (3, 2), (3, 6), (0, 6)]
    base = Polygon.of(pts).perimeter()
    assert base == pytest.approx(28)
    assert Polygon.of(pts[2:] + pts[:2]).perimeter() == pytest.approx(base)
    assert Polygon.of(pts).reversed().perimeter() == pytest.approx(base)


def test_scaled_perimeter():
    sq = Polygon.rectangle(0, 0, 2, 2)
    assert sq.scaled(3).perimeter() == pytest.approx(24)
    assert sq.scaled(3).area() == pytest.approx(36)


def test_skirting_for_l_shaped_room():
    room = Polygon.of([(0, 0), (6, 0), (6, 3), (3, 3), (3, 5), (0, 5)])
    assert skirting_length([room], [0.8]) == pytest.approx(21.2)
