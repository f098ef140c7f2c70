"""The tests the code graph links to a unit, a symbol or a change, as pytest node ids."""

from __future__ import annotations

import os

from ..config import AgentSettings
from ..graph.model import Symbol
from ..graph.store import CodeGraph
from ..workspace import Workspace
from .units import CodeUnit, symbols_of, unit_for_symbol


class LinkedTests:
    def __init__(self, workspace: Workspace, graph: CodeGraph, agent: AgentSettings) -> None:
        self.ws = workspace
        self.graph = graph
        self.agent = agent  # read when asked: `run_tests` off means no linked tests

    def of_unit(self, path: str, unit: CodeUnit) -> list[str]:
        """pytest node ids of the tests the graph links to the unit's symbol."""
        return self.of_symbol(path, unit.symbol) if unit.symbol is not None else []

    def of_symbol(self, path: str, symbol: Symbol) -> list[str]:
        if not self.agent.run_tests or not path.endswith(".py"):
            return []
        sid = symbol.id or f"{path}::{symbol.qualname}"
        found = []
        for src, kind in self.graph.inc.get(sid, {}):
            if kind != "tests":
                continue
            test_path, _, qual = src.partition("::")
            if not test_path.endswith(".py") or not qual:
                continue
            found.append(self.node_id(test_path, qual))
        return sorted(set(found))[:20]

    def node_id(self, test_path: str, qualname: str) -> str:
        """pytest's id of a test: `tests/test_slots.py::TestParse::test_range`."""
        root = self.ws.root_of(test_path) or self.ws.roots[0]
        return os.path.relpath(test_path, root) + "::" + qualname.replace(".", "::")

    def of_changes(self, changes: dict[str, str]) -> list[str]:
        """The test files the graph links to any symbol of the changed files."""
        tests: list[str] = []
        for path, text in changes.items():
            for sym in symbols_of(path, text):
                sym.id = f"{path}::{sym.qualname}"
                tests += self.of_unit(path, unit_for_symbol(path, text, sym))
        return sorted(set(tests))[:40]
