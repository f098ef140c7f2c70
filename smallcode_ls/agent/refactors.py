"""Refactors the harness does on its own, with no model call: a move, a method made a property, a
parameter renamed (a symbol rename lives in rename.py, as it serves every language). Each plans
the new text of every file it changes, or refuses with the reason, and the model takes the task."""

from __future__ import annotations

import os
from collections.abc import Callable

from ..graph.store import CodeGraph
from ..workspace import Workspace

# The texts a refactor read, the new text of each file it changes, and what it did.
Planned = tuple[dict[str, str], dict[str, str], str]


class RefactorRefused(Exception):
    """The change needs judgement the harness does not have; the message says why."""


class Refactors:
    def __init__(self, workspace: Workspace, graph: CodeGraph) -> None:
        self.ws = workspace
        self.graph = graph

    def plan(self, instruction: str) -> tuple[str, Planned] | None:
        """The refactor the instruction asks for, planned in full: (its kind, the plan); None when
        it asks for none. Raises RefactorRefused (or WorkspaceError for a path outside)."""
        planners: list[tuple[str, Callable[[str], Planned | None]]] = [
            ("move", self._move),
            ("property", self._to_property),
            ("parameter rename", self._rename_parameter),
        ]
        for kind, planner in planners:
            planned = planner(instruction)
            if planned is not None:
                return kind, planned
        return None

    def _move(self, instruction: str) -> Planned | None:
        """A top-level Python function or class moved to another module, with the imports on both
        sides and in every file that imported it."""
        from .move import parse_move, plan_move

        request = parse_move(instruction)
        if request is None:
            return None
        source, dest = self.ws.resolve(request.source), self.ws.resolve(request.dest)
        if not (source.endswith(".py") and dest.endswith(".py") and os.path.isfile(source)):
            raise RefactorRefused(f"{request.source} is not a Python file of the workspace")
        texts = self._python_files(source, dest)
        changes = plan_move(request.name, source, dest, texts, self.ws.root_of(source) or self.ws.roots[0])
        return texts, changes, f"`{request.name}` moved to {self.ws.relative(dest)} by the harness"

    def _to_property(self, instruction: str) -> Planned | None:
        """A method that takes only self made a read-only property, in its class and the
        subclasses that override it, and the `()` of every call dropped."""
        from .to_property import parse_to_property, plan_to_property

        request = parse_to_property(instruction)
        if request is None:
            return None
        texts = self._python_files()
        changes = plan_to_property(request.cls, request.method, texts)
        return texts, changes, f"`{request.cls}.{request.method}` made a property by the harness"

    def _rename_parameter(self, instruction: str) -> Planned | None:
        """A parameter of the named functions renamed, in their bodies and in every call passing it
        by keyword."""
        from .rename_parameter import parse_parameter_rename, plan_parameter_rename

        request = parse_parameter_rename(instruction)
        if request is None:
            return None
        texts = self._python_files()
        changes = plan_parameter_rename(request, texts)
        return texts, changes, f"parameter `{request.old}` renamed to `{request.new}` by the harness"

    def _python_files(self, *extra: str) -> dict[str, str]:
        """The text of every Python file in the graph (and of `extra` ones that exist)."""
        with self.graph.lock:
            paths = {p for p in self.graph.files if p.endswith(".py")}
        return {p: self.ws.read(p) for p in sorted(paths | set(extra)) if os.path.isfile(p)}
