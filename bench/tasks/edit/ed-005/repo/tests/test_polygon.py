from shapes.polygon import Point, Polygon, Rectangle


def test_perimeter_of_triangle():
    tri = Polygon([(0, 0), (3, 0), (0, 4)])
    assert tri.perimeter() == 12


def test_contains():
    square = Rectangle(0, 0, 2, 2)
    assert square.contains(Point(1, 1))
    assert not square.contains(Point(3, 1))
