"""Dependency graphs of build targets.

A graph maps each target to the list of targets it depends on:
    {"app": ["main.o", "util.o"], "main.o": ["main.c"], ...}
"""

from __future__ import annotations

import heapq

from .errors import CycleError, RuleSyntaxError

Graph = dict[str, list[str]]


def parse_rules(text: str) -> Graph:
    """Read 'target: dep dep' lines ('#' starts a comment, blank lines are skipped)."""
    graph: Graph = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        target, sep, deps = line.partition(":")
        if not sep or not target.strip():
            raise RuleSyntaxError(number, raw)
        graph.setdefault(target.strip(), []).extend(deps.split())
    return graph


def all_targets(graph: Graph) -> set[str]:
    """Targets with rules plus everything named as a dependency."""
    names = set(graph)
    for deps in graph.values():
        names.update(deps)
    return names


def build_order(graph: Graph) -> list[str]:
    """Every target, ordered so that each comes after all of its dependencies.

    Names that only appear as dependencies (source files) are included too, as
    targets without dependencies (`all_targets`). Whenever several targets are
    ready, the alphabetically smallest comes first, so the order is always the
    same for the same graph. Raises CycleError (minibuild/errors.py) with the
    sorted list of targets that could not be ordered when the graph has a
    cycle; a target that depends on itself is a cycle.
    """
    names = all_targets(graph)
    waiting = {name: set(graph.get(name, [])) for name in names}
    users: dict[str, list[str]] = {name: [] for name in names}
    for name, deps in waiting.items():
        for dep in deps:
            users[dep].append(name)
    ready = [name for name, deps in waiting.items() if not deps]
    heapq.heapify(ready)
    order = []
    while ready:
        name = heapq.heappop(ready)
        order.append(name)
        for user in users[name]:
            waiting[user].discard(name)
            if not waiting[user]:
                heapq.heappush(ready, user)
    if len(order) < len(names):
        raise CycleError(sorted(names - set(order)))
    return order


def needed_for(graph: Graph, goal: str) -> set[str]:
    """`goal` and everything it depends on, directly or not."""
    seen = set()
    stack = [goal]
    while stack:
        name = stack.pop()
        if name not in seen:
            seen.add(name)
            stack.extend(graph.get(name, []))
    return seen


def plan(graph: Graph, goal: str) -> list[str]:
    """The targets to build for `goal`, in build order."""
    needed = needed_for(graph, goal)
    return [name for name in build_order(graph) if name in needed]


def stale(graph: Graph, mtimes: dict[str, float]) -> list[str]:
    """Targets with rules that must be rebuilt, in build order.

    A target is stale when it does not exist (no mtime), when a dependency is
    newer than it, or when a dependency is itself stale.
    """
    result: list[str] = []
    stale_set: set[str] = set()
    for name in build_order(graph):
        if name not in graph:
            continue
        deps = graph[name]
        own = mtimes.get(name)
        if own is None or any(d in stale_set or mtimes.get(d, float("inf")) > own for d in deps):
            stale_set.add(name)
            result.append(name)
    return result
