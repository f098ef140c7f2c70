import math

import pytest

from shapes.floorplan import FloorPlan
from shapes.polygon import Polygon, Rectangle, regular_polygon, union_area_estimate
from shapes.report import room_table, summary


def test_area_is_a_property():
    assert isinstance(Polygon.__dict__["area"], property)
    tri = Polygon([(0, 0), (4, 0), (0, 3)])
    assert tri.area == 6.0
    assert Polygon([(0, 3), (4, 0), (0, 0)]).area == 6.0
    assert not callable(tri.area)


def test_rectangle_area_is_a_property():
    rect = Rectangle(1, 1, 2.5, 4)
    assert rect.area == 10.0
    assert isinstance(Rectangle.__dict__.get("area", Polygon.__dict__["area"]), property)


def test_area_is_read_only():
    with pytest.raises(AttributeError):
        Rectangle(0, 0, 1, 1).area = 5


def test_other_helpers():
    hexagon = regular_polygon(6, 1.0)
    assert math.isclose(hexagon.area, 3 * math.sqrt(3) / 2)
    assert union_area_estimate([Rectangle(0, 0, 3, 3)]) == 9.0
    assert math.isclose(union_area_estimate([Rectangle(0, 0, 2, 2), Rectangle(2, 0, 2, 2)], samples=40), 8.0)


def make_plan():
    plan = FloorPlan(level=2)
    plan.add("Open space", Rectangle(0, 0, 10, 5))
    plan.add("Kitchen", Polygon([(10, 0), (14, 0), (14, 3), (10, 3)]), usage="kitchen")
    plan.add("Corner", Polygon([(0, 5), (4, 5), (0, 8)]))
    return plan


def test_floorplan_callers():
    plan = make_plan()
    assert plan.total_area() == 68.0
    assert plan.area_by_usage() == {"office": 56.0, "kitchen": 12.0}
    assert plan.largest_room().name == "Open space"
    assert plan.desk_capacity() == 8 + 1


def test_report_callers():
    plan = make_plan()
    table = room_table(plan)
    assert table[1].split()[:2] == ["Open", "space"]
    assert "50.0" in table[1] and "30.0" in table[1]
    text = summary(plan)
    assert text.splitlines()[0] == "Level 2: 3 rooms, 68.0 m2"
    assert text.splitlines()[-1] == "Desk capacity: 9"
