"""Turning a method into a read-only property: the harness's plan and its refusals."""

from __future__ import annotations

import pytest

from smallcode_ls.agent.to_property import PropertyRequest, parse_to_property, plan_to_property

SHAPES = """class Shape:
    def area(self) -> float:
        return 0.0


class Square(Shape):
    def __init__(self, side: float) -> None:
        self.side = side

    @staticmethod
    def unit() -> "Square":
        return Square(1)

    def area(self) -> float:
        return self.side * self.side

    def double(self) -> float:
        return 2 * self.area()
"""

USES = """from shapes import Square


def total(shapes) -> float:
    return len("área") + sum(s.area() for s in shapes) + Square(2).area()
"""


def test_property_instructions_are_recognised() -> None:
    asked = "Turn the `area()` method of `Polygon` in shapes/polygon.py into a read-only property, so callers ..."
    assert parse_to_property(asked) == PropertyRequest("Polygon", "area")
    assert parse_to_property("Make `Polygon.area` a property.") == PropertyRequest("Polygon", "area")
    assert parse_to_property("Add a property for the area") is None


def test_the_plan_decorates_the_family_and_drops_the_call_parentheses() -> None:
    changes = plan_to_property("Shape", "area", {"shapes.py": SHAPES, "uses.py": USES, "other.py": "x = 1\n"})
    assert set(changes) == {"shapes.py", "uses.py"}
    assert changes["shapes.py"].count("    @property\n    def area(self)") == 2
    assert "return 2 * self.area\n" in changes["shapes.py"]
    # ast's columns count bytes: a non-ASCII string before the call does not shift the cut.
    assert 'len("área") + sum(s.area for s in shapes) + Square(2).area\n' in changes["uses.py"]
    namespace: dict[str, object] = {}
    exec(compile(changes["shapes.py"], "shapes.py", "exec"), namespace)
    square = namespace["Square"](3)  # type: ignore[operator]
    assert square.area == 9 and square.double() == 18


@pytest.mark.parametrize(
    ("extra", "why"),
    [
        ("class Room:\n    def area(self):\n        return 1\n", "`Room` has a `area` method too"),
        ("from shapes import Shape\nf = Shape.area\n", "uncalled"),
        ("def g(s):\n    return s.area(2)\n", "with arguments"),
    ],
)
def test_changes_that_need_judgement_are_refused(extra: str, why: str) -> None:
    with pytest.raises(match=why):
        plan_to_property("Shape", "area", {"shapes.py": SHAPES, "extra.py": extra})


def test_a_method_with_arguments_or_an_unknown_class_is_refused() -> None:
    with pytest.raises(match="besides self"):
        plan_to_property("Shape", "area", {"shapes.py": SHAPES.replace("def area(self)", "def area(self, k=1)", 1)})
    with pytest.raises(match="exactly once"):
        plan_to_property("Circle", "area", {"shapes.py": SHAPES})
