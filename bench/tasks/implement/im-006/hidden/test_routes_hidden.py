import pytest

from transit.network import Network, UnknownStation
from transit.routes import describe_route, hops, shortest_route


def line_net():
    net = Network()
    for a, b in [("A", "B"), ("B", "C"), ("C", "D"), ("D", "E"), ("A", "X"), ("X", "E")]:
        net.link(a, b)
    net.add_station("Island")
    return net


def test_fewest_hops():
    assert shortest_route(line_net(), "A", "E") == ["A", "X", "E"]
    assert shortest_route(line_net(), "B", "D") == ["B", "C", "D"]


def test_same_station():
    assert shortest_route(line_net(), "C", "C") == ["C"]
    assert hops(line_net(), "C", "C") == 0


def test_unreachable_is_none():
    assert shortest_route(line_net(), "A", "Island") is None
    assert describe_route(line_net(), "A", "Island") == "No route from A to Island."


def test_one_way_respected():
    net = Network()
    net.link("p", "q", one_way=True)
    net.link("q", "r")
    assert shortest_route(net, "p", "r") == ["p", "q", "r"]
    assert shortest_route(net, "r", "p") is None


def test_unknown_station():
    with pytest.raises(UnknownStation):
        shortest_route(line_net(), "A", "Nowhere")
    with pytest.raises(UnknownStation):
        shortest_route(line_net(), "Nowhere", "A")
