import pytest

from graphs import errors
from graphs.graph import Graph
from graphs.paths import bfs_path, components, route_cost, shortest_path, topological_order


def city():
    g = Graph()
    g.add_edge("depot", "a", 4)
    g.add_edge("depot", "b", 1)
    g.add_edge("b", "a", 2)
    g.add_edge("a", "c", 5)
    g.add_edge("b", "c", 8)
    g.add_node("island")
    return g


def test_shortest_path():
    assert shortest_path(city(), "depot", "c") == (8.0, ["depot", "b", "a", "c"])
    assert shortest_path(city(), "a", "a") == (0.0, ["a"])


def test_shortest_path_unreachable():
    with pytest.raises(errors.Unreachable) as info:
        shortest_path(city(), "depot", "island")
    assert (info.value.start, info.value.goal) == ("depot", "island")
    with pytest.raises(errors.UnknownNode):
        shortest_path(city(), "depot", "mars")


def test_other_functions():
    g = city()
    assert bfs_path(g, "depot", "c") == ["depot", "a", "c"]
    assert bfs_path(g, "depot", "island") is None
    assert components(g) == [["a", "b", "c", "depot"], ["island"]]
    assert route_cost(g, ["depot", "a", "c"]) == 9.0
    d = Graph(directed=True)
    d.add_edge("shop", "pack")
    d.add_edge("pack", "ship")
    d.add_edge("shop", "bill")
    assert topological_order(d) == ["shop", "bill", "pack", "ship"]
    d.add_edge("ship", "shop")
    with pytest.raises(errors.CycleError):
        topological_order(d)
