import pytest

from graphs.errors import UnknownNode
from graphs.graph import Graph


def test_undirected_edges():
    g = Graph()
    g.add_edge("a", "b", 2)
    assert g.neighbors("b") == {"a": 2}
    assert g.edges() == [("a", "b", 2)]


def test_unknown_node():
    with pytest.raises(UnknownNode):
        Graph().neighbors("x")
