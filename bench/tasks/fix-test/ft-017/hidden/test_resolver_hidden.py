import pytest

from buildplan.graph import TaskGraph
from buildplan.resolver import (
    CycleError,
    build_order,
    critical_path,
    format_plan,
    makespan,
    order_for,
    rebuild_order,
    stages,
)

SITE = """
assets:
sass: assets
css: sass
js: assets
bundle: css, js
html: bundle
deploy: html, bundle
"""


def test_order_of_a_diamond():
    graph = TaskGraph.parse("d: b, c\nb: a\nc: a\na:")
    assert build_order(graph) == ["a", "b", "c", "d"]


def test_every_task_after_its_dependencies():
    graph = TaskGraph.parse(SITE)
    order = build_order(graph)
    assert sorted(order) == graph.tasks()
    for task in order:
        for dep in graph.dependencies_of(task):
            assert order.index(dep) < order.index(task)
    assert order == ["assets", "js", "sass", "css", "bundle", "html", "deploy"]


def test_partial_orders():
    graph = TaskGraph.parse(SITE)
    assert order_for(graph, ["css"]) == ["assets", "sass", "css"]
    assert rebuild_order(graph, ["js"]) == ["js", "bundle", "html", "deploy"]


def test_stages_and_plan():
    graph = TaskGraph.parse(SITE)
    assert stages(graph) == [["assets"], ["js", "sass"], ["css"], ["bundle"], ["html"], ["deploy"]]
    assert format_plan(graph).splitlines()[1] == "stage 1: js, sass"


def test_timing():
    graph = TaskGraph.parse(SITE)
    durations = {"assets": 1, "sass": 2, "css": 1, "js": 5, "bundle": 1, "html": 1, "deploy": 2}
    assert critical_path(graph, durations) == (["assets", "js", "bundle", "html", "deploy"], 10)
    assert makespan(graph, durations, workers=2) == 10
    assert makespan(graph, durations, workers=1) == 13


def test_cycle_still_detected():
    graph = TaskGraph.parse("x: y\ny: x\nz:")
    with pytest.raises(CycleError) as info:
        build_order(graph)
    assert info.value.tasks == ["x", "y"]


def test_helpers_still_agree_with_order():
    from buildplan.resolver import depth, progress, ready_now, redundant_dependencies

    graph = TaskGraph.parse(SITE)
    assert depth(graph, "deploy") == 5
    assert redundant_dependencies(graph) == [("deploy", "bundle")]
    assert ready_now(graph, ["assets"]) == ["js", "sass"]
    assert progress(graph, build_order(graph)[:3]) == "3/7 tasks done, next: css"
