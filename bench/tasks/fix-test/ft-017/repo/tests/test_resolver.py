import pytest

from buildplan.graph import TaskGraph
from buildplan.resolver import CycleError, affected_by, build_order, find_cycle, needed_for

PROJECT = """
fetch:
codegen: fetch
compile: codegen, fetch
test: compile
docs: fetch
package: compile, docs
"""


def test_needed_for():
    graph = TaskGraph.parse(PROJECT)
    assert needed_for(graph, ["compile"]) == {"compile", "codegen", "fetch"}


def test_affected_by():
    graph = TaskGraph.parse(PROJECT)
    assert affected_by(graph, ["docs"]) == {"docs", "package"}


def test_build_order_respects_dependencies():
    graph = TaskGraph.parse(PROJECT)
    assert build_order(graph) == ["fetch", "codegen", "compile", "docs", "package", "test"]


def test_cycle_is_reported():
    graph = TaskGraph.parse("a: c\nb: a\nc: b\nd:")
    with pytest.raises(CycleError) as info:
        build_order(graph)
    assert info.value.tasks == ["a", "b", "c"]
    assert find_cycle(graph) == ["a", "c", "b", "a"]
