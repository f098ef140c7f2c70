from geometry.bbox import around
from geometry.vector import Vec, cross, dist


def test_vector_ops():
    assert Vec(1, 2) + Vec(3, 4) == Vec(4, 6)
    assert cross(Vec(1, 0), Vec(0, 1)) == 1
    assert dist(Vec(0, 0), Vec(3, 4)) == 5


def test_around():
    assert around(Vec(1, 1), 2).width == 4
