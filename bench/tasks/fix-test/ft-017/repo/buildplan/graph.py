"""The task graph: each task names the tasks it depends on.

"compile depends on codegen" means codegen must finish before compile
starts. For every task the graph can answer both directions:

- dependencies_of(task): the tasks it needs (its direct prerequisites)
- dependents_of(task): the tasks that need it (run only after it)
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterable


class UnknownTask(KeyError):
    pass


class TaskGraph:
    def __init__(self) -> None:
        self._deps: dict[str, set[str]] = {}
        self._rdeps: dict[str, set[str]] = defaultdict(set)

    def add_task(self, name: str, depends_on: Iterable[str] = ()) -> None:
        """Add a task (or more dependencies of an existing one)."""
        deps = self._deps.setdefault(name, set())
        for dep in depends_on:
            if dep == name:
                raise ValueError(f"task {name!r} cannot depend on itself")
            deps.add(dep)
            self._rdeps[dep].add(name)

    def __contains__(self, name: str) -> bool:
        return name in self._deps

    def __len__(self) -> int:
        return len(self._deps)

    def tasks(self) -> list[str]:
        return sorted(self._deps)

    def dependencies_of(self, name: str) -> list[str]:
        """Direct prerequisites of `name`, sorted."""
        if name not in self._deps:
            raise UnknownTask(name)
        return sorted(self._deps[name])

    def dependents_of(self, name: str) -> list[str]:
        """Tasks that directly depend on `name`, sorted."""
        if name not in self._deps:
            raise UnknownTask(name)
        return sorted(self._rdeps.get(name, ()))

    def missing(self) -> list[str]:
        """Dependencies that were named but never added as tasks."""
        named = {dep for deps in self._deps.values() for dep in deps}
        return sorted(named - set(self._deps))

    @classmethod
    def parse(cls, text: str) -> "TaskGraph":
        """Lines like 'compile: codegen, fetch' or 'fetch:'; '#' starts a comment."""
        graph = cls()
        for raw in text.splitlines():
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            name, sep, rest = line.partition(":")
            if not sep:
                raise ValueError(f"expected 'task: deps', got {raw!r}")
            graph.add_task(name.strip(), [d.strip() for d in rest.split(",") if d.strip()])
        return graph
