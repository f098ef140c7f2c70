"""Ordering and scheduling the tasks of a TaskGraph.

A valid build order lists every task after all of its dependencies. Among
tasks that are ready at the same time the order is alphabetical, so plans
are reproducible. A cycle makes a build impossible and raises CycleError
naming the tasks involved.
"""

from __future__ import annotations

import heapq
from collections import deque
from dataclasses import dataclass
from typing import Iterable

from .graph import TaskGraph, UnknownTask


class CycleError(ValueError):
    def __init__(self, tasks: list[str]) -> None:
        super().__init__("dependency cycle among: " + ", ".join(tasks))
        self.tasks = tasks


def check(graph: TaskGraph) -> None:
    """Raise UnknownTask for dependencies that are not tasks of the graph."""
    missing = graph.missing()
    if missing:
        raise UnknownTask(f"unknown dependencies: {', '.join(missing)}")


def build_order(graph: TaskGraph) -> list[str]:
    """Every task once, each after its dependencies (Kahn's algorithm, ties alphabetical)."""
    check(graph)
    waiting = {task: len(graph.dependencies_of(task)) for task in graph.tasks()}
    ready = [task for task, count in waiting.items() if count == 0]
    heapq.heapify(ready)
    order: list[str] = []
    while ready:
        task = heapq.heappop(ready)
        order.append(task)
        for nxt in graph.dependencies_of(task):
            waiting[nxt] -= 1
            if waiting[nxt] == 0:
                heapq.heappush(ready, nxt)
    if len(order) < len(graph):
        raise CycleError(sorted(task for task, count in waiting.items() if count > 0))
    return order


def needed_for(graph: TaskGraph, targets: Iterable[str]) -> set[str]:
    """The targets and everything they need, directly or indirectly."""
    seen: set[str] = set()
    todo = list(targets)
    while todo:
        task = todo.pop()
        if task in seen:
            continue
        seen.add(task)
        todo.extend(graph.dependencies_of(task))
    return seen


def affected_by(graph: TaskGraph, changed: Iterable[str]) -> set[str]:
    """The changed tasks and everything that depends on them, directly or indirectly."""
    seen: set[str] = set()
    queue = deque(changed)
    while queue:
        task = queue.popleft()
        if task in seen:
            continue
        seen.add(task)
        queue.extend(graph.dependents_of(task))
    return seen


def order_for(graph: TaskGraph, targets: Iterable[str]) -> list[str]:
    """A build order restricted to what the targets need."""
    needed = needed_for(graph, targets)
    return [task for task in build_order(graph) if task in needed]


def rebuild_order(graph: TaskGraph, changed: Iterable[str]) -> list[str]:
    """What to re-run after `changed` tasks' inputs changed, in build order."""
    affected = affected_by(graph, changed)
    return [task for task in build_order(graph) if task in affected]


def stages(graph: TaskGraph) -> list[list[str]]:
    """Tasks grouped into stages that can run in parallel.

    A task's stage is one more than the latest stage of its dependencies;
    tasks without dependencies are in stage 0. Each stage is sorted.
    """
    level: dict[str, int] = {}
    for task in build_order(graph):
        deps = graph.dependencies_of(task)
        level[task] = 1 + max((level[d] for d in deps), default=-1)
    grouped: list[list[str]] = [[] for _ in range(max(level.values(), default=-1) + 1)]
    for task, lvl in level.items():
        grouped[lvl].append(task)
    return [sorted(group) for group in grouped]


def find_cycle(graph: TaskGraph) -> list[str] | None:
    """One dependency cycle as [a, b, ..., a], or None for an acyclic graph."""
    colour: dict[str, int] = {}
    stack: list[str] = []

    def visit(task: str) -> list[str] | None:
        colour[task] = 1
        stack.append(task)
        for dep in graph.dependencies_of(task):
            if dep not in graph:
                continue
            if colour.get(dep) == 1:
                return stack[stack.index(dep):] + [dep]
            if dep not in colour:
                found = visit(dep)
                if found:
                    return found
        stack.pop()
        colour[task] = 2
        return None

    for task in graph.tasks():
        if task not in colour:
            found = visit(task)
            if found:
                return found
    return None


@dataclass(frozen=True)
class Scheduled:
    task: str
    start: float
    finish: float


def schedule(graph: TaskGraph, durations: dict[str, float], workers: int = 1) -> list[Scheduled]:
    """Simulate a build on `workers` machines; a task starts once its dependencies finish.

    Whenever a worker is free it takes the ready task that comes first in
    build order. Returns the tasks in start order.
    """
    if workers < 1:
        raise ValueError("need at least one worker")
    order = build_order(graph)
    rank = {task: i for i, task in enumerate(order)}
    finish: dict[str, float] = {}
    free_at = [0.0] * workers
    pending = list(order)
    result: list[Scheduled] = []
    while pending:
        worker = min(range(workers), key=lambda w: free_at[w])
        now = free_at[worker]
        ready = [t for t in pending if all(d in finish and finish[d] <= now for d in graph.dependencies_of(t))]
        if not ready:
            # wait for the earliest running task that unblocks something
            later = [f for f in finish.values() if f > now]
            free_at[worker] = min(later)
            continue
        task = min(ready, key=rank.__getitem__)
        pending.remove(task)
        end = now + durations.get(task, 0.0)
        finish[task] = end
        free_at[worker] = end
        result.append(Scheduled(task, now, end))
    result.sort(key=lambda s: (s.start, rank[s.task]))
    return result


def makespan(graph: TaskGraph, durations: dict[str, float], workers: int = 1) -> float:
    """Time until the whole build is finished."""
    return max((s.finish for s in schedule(graph, durations, workers)), default=0.0)


def critical_path(graph: TaskGraph, durations: dict[str, float]) -> tuple[list[str], float]:
    """The chain of dependent tasks with the longest total duration, and that duration."""
    best: dict[str, float] = {}
    via: dict[str, str | None] = {}
    for task in build_order(graph):
        deps = graph.dependencies_of(task)
        prev = max(deps, key=lambda d: (best[d], d), default=None)
        best[task] = durations.get(task, 0.0) + (best[prev] if prev else 0.0)
        via[task] = prev
    if not best:
        return [], 0.0
    end = max(best, key=lambda t: (best[t], t))
    path = [end]
    while via[path[-1]] is not None:
        path.append(via[path[-1]])  # type: ignore[arg-type]
    path.reverse()
    return path, best[end]


def format_plan(graph: TaskGraph) -> str:
    """'stage 0: fetch, lint' lines for `buildplan show`."""
    return "\n".join(f"stage {i}: {', '.join(group)}" for i, group in enumerate(stages(graph)))


def depth(graph: TaskGraph, task: str) -> int:
    """Length of the longest chain of dependencies below `task` (0 for a task with none)."""
    memo: dict[str, int] = {}

    def walk(name: str) -> int:
        if name not in memo:
            memo[name] = 1 + max((walk(dep) for dep in graph.dependencies_of(name)), default=-1)
        return memo[name]

    return walk(task)


def unused(graph: TaskGraph, targets: Iterable[str]) -> list[str]:
    """Tasks that none of the targets need, sorted: candidates for removal."""
    needed = needed_for(graph, targets)
    return [task for task in graph.tasks() if task not in needed]


def redundant_dependencies(graph: TaskGraph) -> list[tuple[str, str]]:
    """Declared dependencies that are implied by others (task, dependency), sorted.

    If compile depends on codegen and fetch, and codegen depends on fetch,
    then compile's dependency on fetch is redundant.
    """
    found = []
    for task in graph.tasks():
        direct = graph.dependencies_of(task)
        for dep in direct:
            others = [d for d in direct if d != dep]
            if dep in needed_for(graph, others):
                found.append((task, dep))
    return sorted(found)


def tree(graph: TaskGraph, task: str, indent: str = "  ") -> str:
    """The dependencies of `task` as an indented tree; repeated subtrees are marked '(see above)'."""
    lines: list[str] = []
    shown: set[str] = set()

    def walk(name: str, level: int) -> None:
        if name in shown and graph.dependencies_of(name):
            lines.append(f"{indent * level}{name} (see above)")
            return
        lines.append(f"{indent * level}{name}")
        shown.add(name)
        for dep in graph.dependencies_of(name):
            walk(dep, level + 1)

    walk(task, 0)
    return "\n".join(lines)


def ready_now(graph: TaskGraph, done: Iterable[str]) -> list[str]:
    """Tasks not yet done whose dependencies are all done, sorted: what a worker may start next."""
    finished = set(done)
    return [
        task
        for task in graph.tasks()
        if task not in finished and all(dep in finished for dep in graph.dependencies_of(task))
    ]


def progress(graph: TaskGraph, done: Iterable[str]) -> str:
    """'3/7 tasks done, next: css, js' for the build status line."""
    finished = set(done) & set(graph.tasks())
    nxt = ready_now(graph, finished)
    tail = f", next: {', '.join(nxt)}" if nxt else ""
    return f"{len(finished)}/{len(graph)} tasks done{tail}"
