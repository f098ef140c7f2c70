from plots.vectors import Point, cross


def test_cross_sign():
    assert cross(Point(1, 0), Point(0, 1)) == 1
    assert cross(Point(0, 1), Point(1, 0)) == -1
