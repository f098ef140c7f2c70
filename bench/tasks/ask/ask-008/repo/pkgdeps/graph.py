"""Package dependency graph and the order to install packages in."""

from __future__ import annotations

from collections import defaultdict


class CycleError(Exception):
    """Packages that depend on each other in a loop; `cycle` lists them, first package repeated at the end."""

    def __init__(self, cycle: list[str]) -> None:
        super().__init__("dependency cycle: " + " -> ".join(cycle))
        self.cycle = cycle


class Graph:
    def __init__(self) -> None:
        self._deps: dict[str, set[str]] = defaultdict(set)

    def add(self, package: str, *requires: str) -> None:
        """Declare `package`, and that it needs every package in `requires`."""
        self._deps[package].update(requires)
        for dep in requires:
            self._deps.setdefault(dep, set())

    def packages(self) -> list[str]:
        return sorted(self._deps)

    def requires(self, package: str) -> list[str]:
        return sorted(self._deps.get(package, ()))

    def required_by(self, package: str) -> list[str]:
        return sorted(p for p, deps in self._deps.items() if package in deps)

    def _find_cycle(self, remaining: set[str]) -> list[str]:
        """One cycle among `remaining` (packages that topo_order could not place).

        Every package left has a dependency that is also left, so walking from
        any of them along left-over dependencies must come back to a package
        already on the path.
        """
        start = min(remaining)
        path = [start]
        seen = {start: 0}
        node = start
        while True:
            node = min(d for d in self._deps[node] if d in remaining)
            if node in seen:
                return path[seen[node]:] + [node]
            seen[node] = len(path)
            path.append(node)

    def topo_order(self) -> list[str]:
        """Packages in install order: each after everything it requires.

        Kahn's algorithm; when several packages are ready, they are taken in
        alphabetical order. If some packages can never become ready, the graph
        has a cycle: a CycleError is raised naming one cycle found by _find_cycle.
        """
        pending = {p: set(deps) for p, deps in self._deps.items()}
        order: list[str] = []
        ready = sorted(p for p, deps in pending.items() if not deps)
        while ready:
            package = ready.pop(0)
            order.append(package)
            del pending[package]
            for other, deps in pending.items():
                if package in deps:
                    deps.discard(package)
                    if not deps:
                        ready.append(other)
            ready.sort()
        if pending:
            raise CycleError(self._find_cycle(set(pending)))
        return order

    def install_plan(self, wanted: list[str]) -> list[str]:
        """The packages to install for `wanted`, dependencies first."""
        needed: set[str] = set()
        stack = list(wanted)
        while stack:
            package = stack.pop()
            if package not in needed:
                needed.add(package)
                stack.extend(self._deps.get(package, ()))
        return [p for p in self.topo_order() if p in needed]
