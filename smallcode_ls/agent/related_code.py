"""The code shown around a unit the model rewrites: ranked by the graph, with the functions it
names and, for a fix, its small class whole."""

from __future__ import annotations

import keyword
import os

from ..graph.model import Symbol
from ..graph.retrieval import relevant
from ..graph.store import CodeGraph
from ..model.tokens import estimate_tokens
from ..workspace import Workspace, WorkspaceError
from .harness_fixes import IDENT
from .units import CodeUnit, signature_head, spec_for, stub_head

FIX_CLASS_LINES = 120  # a method's class up to this size goes into a fix's context whole


class RelatedCode:
    def __init__(self, workspace: Workspace, graph: CodeGraph) -> None:
        self.ws = workspace
        self.graph = graph

    def for_unit(self, path: str, unit: CodeUnit, mode: str, tokens: int, instruction: str) -> list[str]:
        """Signatures and docstrings around the target, ranked by the graph; callers' and tests' code
        for a stub, since they show how it is used."""
        graph_symbol = self._graph_symbol(path, unit)
        seeds = [graph_symbol.id] if graph_symbol is not None else []
        own = set(seeds)
        if seeds:
            seeds += self._named_functions(path, unit, own)
            if mode == "fix":
                seeds += self._small_enclosing_class(path, unit)
        if not seeds:
            words = " ".join(set(IDENT.findall(unit.text or instruction)))
            ctx = relevant(self.graph, words, tokens, estimate_tokens, read=self.read_bytes, full_source_for=0)
        else:
            extra_full = 3 if mode == "implement" else 1
            ctx = relevant(self.graph, seeds, tokens, estimate_tokens, read=self.read_bytes, full_source_for=extra_full)
        out = []
        for u in ctx.units:
            if u.symbol.id in own or (unit.symbol is not None and u.symbol.id == unit.symbol.id):
                continue
            if u.symbol.path == path and unit.start_line <= u.symbol.start[0] <= unit.end_line:
                continue  # inside the target itself
            shown = self.relative_header(u.text)
            if unit.text and unit.text in shown:
                # The enclosing class in full would show the target twice (a stub's placeholder
                # again, which a small model copies back): there it stands as its signature only.
                spec = spec_for(path)
                lang = spec.name if spec is not None else "python"
                head = stub_head(unit.text) if mode == "implement" else signature_head(unit.text, lang)
                marker = "...  # the target" if lang == "python" else "// ... the target"
                stand_in = (head or unit.text).rstrip("\n") + "\n" + unit.indent + "    " + marker
                shown = shown.replace(unit.text, stand_in)
            out.append(shown)
        return out

    def _graph_symbol(self, path: str, unit: CodeUnit) -> Symbol | None:
        """The code graph's symbol for the unit (a unit parsed from a buffer has no graph id), or
        the innermost one around its first line."""
        if unit.symbol is not None:
            found = self.graph.get(unit.symbol.id or f"{path}::{unit.symbol.qualname}")
            if found is not None:
                return found
        line = unit.text.split("\n", 1)[0] if unit.text else ""
        return self.graph.symbol_at(path, unit.start_line, len(line) - len(line.lstrip()))

    def _small_enclosing_class(self, path: str, unit: CodeUnit) -> list[str]:
        """The class of a method to fix, when it is small enough to show whole: its other methods
        and `__init__` show what the attributes hold and how the class keeps its invariants
        (`put` calls `move_to_end`; the fix in `get` needs it too)."""
        parent = unit.symbol.parent if unit.kind == "method" and unit.symbol is not None else ""
        cls = self.graph.get(f"{path}::{parent}") if parent else None
        if cls is None or cls.kind != "class" or cls.end[0] - cls.start[0] + 1 > FIX_CLASS_LINES:
            return []
        return [cls.id]

    def _named_functions(self, path: str, unit: CodeUnit, skip: set[str]) -> list[str]:
        """Functions the target names but the graph does not link to it: a docstring's "priced by
        `shipping_cost` in shop/shipping.py", a call to something not imported yet. Shown in full,
        since the model has to call them right."""
        found: list[str] = []
        names = set(IDENT.findall(unit.text)) - set(keyword.kwlist) - set(dir(__builtins__))
        for name in sorted(names, key=lambda n: (-len(n), n)):
            if "_" not in name.strip("_") and not name[:1].islower():
                continue
            symbols = [
                s
                for s in self.graph.find(name)
                if s.name == name and s.kind in ("function", "method") and s.id not in skip
                and not self.graph.is_test_file(s.path)
                and not (s.path == path and unit.start_line <= s.start[0] <= unit.end_line)
            ]  # fmt: skip
            if 1 <= len(symbols) <= 2:
                found += [s.id for s in symbols]
            if len(found) >= 4:
                break
        return found[:4]

    def relative_header(self, text: str) -> str:
        head, _, body = text.partition("\n")
        return head.replace(self.ws.roots[0] + os.sep, "") + "\n" + body

    def read_bytes(self, path: str) -> bytes | None:
        try:
            return self.ws.read(path).encode("utf-8")
        except WorkspaceError:
            return None
