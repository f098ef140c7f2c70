"""Names that belong together, read from the code graph: a function's parameters, the other
methods of a class, the other constants of a module. Test-judged repairs use them to propose
the name a call or an argument list should have had."""

from __future__ import annotations

import os
import re

from ..graph.store import CodeGraph
from ..workspace import Workspace
from .swapped_args import parameter_names

_CONSTANT = re.compile(r"[A-Z][A-Z0-9]*_[A-Z0-9_]+")
# `RATE = 3`, `LIMIT: int = 10` at module level: constants are not graph symbols.
ASSIGNED_CONSTANT = re.compile(r"^([A-Z][A-Z0-9_]*)\s*(?::[^=\n]+)?=(?!=)", re.M)


class NameFamilies:
    def __init__(self, workspace: Workspace, graph: CodeGraph) -> None:
        self.ws = workspace
        self.graph = graph

    def positional_parameters(self, name: str) -> list[str] | None:
        """The parameters of the workspace function or method `name`, without `self`; None when
        unknown or when its definitions disagree."""
        found = set()
        for sym in self.graph.find(name):
            if sym.name != name or sym.kind not in ("function", "method"):
                continue
            params = parameter_names(sym.signature)
            if sym.kind == "method" and params[:1] in (["self"], ["cls"]):
                params = params[1:]
            found.add(tuple(params))
        return list(found.pop()) if len(found) == 1 else None

    def siblings(self, path: str, name: str) -> list[str]:
        """The names of `name`'s family: the other methods of each class that defines it (or the
        other functions of its module) taking as many parameters, and for an UPPER_CASE constant
        the other constants of the module next to `path` that assigns it."""
        found: list[str] = []
        for sym in self.graph.find(name):
            if sym.name != name or sym.kind not in ("function", "method") or self.graph.is_test_file(sym.path):
                continue
            arity = len(parameter_names(sym.signature))
            found += [
                other.name
                for other in self.graph.file_symbols(sym.path)
                if other.parent == sym.parent and other.kind == sym.kind and other.name != name
                and not other.name.startswith("__") and len(parameter_names(other.signature)) == arity
            ]  # fmt: skip
        if _CONSTANT.fullmatch(name) and path.endswith(".py"):
            directory = os.path.dirname(path)
            for entry in sorted(os.listdir(directory)):
                other_path = os.path.join(directory, entry)
                if not entry.endswith(".py") or self.graph.is_test_file(other_path):
                    continue
                assigned = ASSIGNED_CONSTANT.findall(self.ws.read(other_path))
                if name in assigned:
                    found += assigned
        return found
