import pytest

from routes.graph import NoRoute, RoadGraph, dijkstra, fewest_hops, within


def sample():
    g = RoadGraph()
    g.add_road("A", "B", 5)
    g.add_road("B", "C", 5)
    g.add_road("A", "C", 12)
    g.add_road("C", "D", 1, oneway=True)
    return g


def test_dijkstra_shortest():
    assert dijkstra(sample(), "A", "C") == (10.0, ["A", "B", "C"])


def test_oneway():
    with pytest.raises(NoRoute):
        dijkstra(sample(), "D", "A")


def test_hops_and_within():
    assert fewest_hops(sample(), "A", "C") == ["A", "C"]
    assert within(sample(), "A", 10) == ["A", "B", "C"]
