import pytest

from minibuild.errors import CycleError
from minibuild.graph import build_order, parse_rules, plan, stale

RULES = """
app: main.o util.o
main.o: main.c util.h
util.o: util.c util.h
docs: README
"""


def test_order_respects_dependencies_and_ties():
    order = build_order(parse_rules(RULES))
    assert order == ["README", "docs", "main.c", "util.c", "util.h", "main.o", "util.o", "app"]


def test_empty():
    assert build_order({}) == []


def test_cycle_reports_sorted_targets():
    graph = {"a": ["b"], "b": ["c"], "c": ["a"], "d": ["a"], "e": []}
    with pytest.raises(CycleError) as info:
        build_order(graph)
    assert info.value.targets == ["a", "b", "c", "d"]


def test_self_dependency_is_cycle():
    with pytest.raises(CycleError) as info:
        build_order({"x": ["x"]})
    assert info.value.targets == ["x"]


def test_callers():
    graph = parse_rules(RULES)
    assert plan(graph, "util.o") == ["util.c", "util.h", "util.o"]
    times = {"main.c": 1, "util.c": 1, "util.h": 5, "main.o": 2, "util.o": 6, "app": 7, "README": 1, "docs": 2}
    assert stale(graph, times) == ["main.o", "app"]
