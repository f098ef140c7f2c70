import pytest

from transit.network import Network, UnknownStation


def test_neighbors_sorted_and_one_way():
    net = Network()
    net.link("b", "a")
    net.link("b", "c", one_way=True)
    assert net.neighbors("b") == ["a", "c"]
    assert net.neighbors("c") == []


def test_unknown():
    with pytest.raises(UnknownStation):
        Network().neighbors("x")
