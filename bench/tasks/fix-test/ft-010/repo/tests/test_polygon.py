import math

import pytest

from shapes.polygon import Polygon, skirting_length
from shapes.vec import Point


def test_area_of_rectangle():
    assert Polygon.rectangle(0, 0, 4, 3).area() == 12


def test_perimeter_of_rectangle():
    assert Polygon.rectangle(0, 0, 4, 3).perimeter() == 14


def test_contains():
    room = Polygon.of([(0, 0), (4, 0), (4, 4), (2, 2), (0, 4)])
    assert room.contains(Point(1, 1))
    assert not room.contains(Point(2, 3))
    assert room.contains(Point(4, 2))


def test_centroid_of_square():
    c = Polygon.rectangle(2, 2, 2, 2).centroid()
    assert c.x == pytest.approx(3) and c.y == pytest.approx(3)


def test_right_triangle_angles():
    angles = Polygon.of([(0, 0), (3, 0), (0, 4)]).interior_angles()
    assert sum(angles) == pytest.approx(180)
    assert angles[0] == pytest.approx(90)
    assert not math.isnan(angles[1])


def test_skirting_subtracts_doors():
    rooms = [Polygon.rectangle(0, 0, 5, 4), Polygon.rectangle(5, 0, 3, 4)]
    assert skirting_length(rooms, [0.9, 0.9]) == pytest.approx(30.2)
