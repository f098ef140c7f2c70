"""What the model is told about a name it got wrong: look-alikes, where a name is defined, what
the imported modules offer, and the names it may have meant."""

from __future__ import annotations

import difflib
import sys
from collections.abc import Iterable

from ..graph.model import Symbol
from ..graph.store import CodeGraph
from ..workspace import Workspace
from .harness_fixes import IDENT, UNDEFINED
from .name_choice import MAX_CHOICES, Choice
from .units import CodeUnit, call_form
from .verify import Problem

MODULE_OFFER = 6  # functions of an imported module named when an undefined name has no look-alike


class NameHints:
    def __init__(self, workspace: Workspace, graph: CodeGraph) -> None:
        self.ws = workspace
        self.graph = graph

    def similar(self, name: str, module: str | None = None) -> list[str]:
        """Top-level names close to `name` (by spelling, or containing it), in `module` or anywhere."""
        names = {
            sym.name
            for sym in self.graph.symbols.values()
            if not sym.parent and (module is None or module in self.graph.file_modules.get(sym.path, ()))
        }
        close = difflib.get_close_matches(name, names, n=3, cutoff=0.7)
        containing = sorted(n for n in names if name in n and n != name)[:3]
        return list(dict.fromkeys(close + containing))[:3]

    def describe(self, problem: Problem, text: str, path: str) -> str:
        """`line 12: `x = jsn.loads(s)`: undefined name 'jsn' (did you mean `json`?)`."""
        lines = text.split("\n")
        if problem.source in ("tests", "test command", "checker", "command"):
            return problem.message
        code_line = lines[problem.line].strip() if 0 <= problem.line < len(lines) else ""
        hint = self._hint(problem, text, path)
        shown = f"`{code_line}`: " if code_line else ""
        return f"line {problem.line + 1}: {shown}{problem.message}{hint}"

    def _hint(self, problem: Problem, text: str, path: str) -> str:
        match = UNDEFINED.search(problem.message)
        if not match:
            return ""
        name = match.group(1)
        hints = []
        if name in sys.stdlib_module_names:
            hints.append(f"`{name}` is a standard library module: add `import {name}`")
        close = difflib.get_close_matches(name, set(IDENT.findall(text)) - {name}, n=2, cutoff=0.75)
        if close:
            hints.append("did you mean " + " or ".join(f"`{c}`" for c in close) + "?")
        defined = [s for s in self.graph.find(name) if s.path != path and not s.parent][:2]
        for sym in defined:
            module = next(iter(self.graph.file_modules.get(sym.path, ())), None)
            where = f"from {module} import {name}" if module else self.ws.relative(sym.path)
            hints.append(f"`{name}` is defined in {self.ws.relative(sym.path)} (`{where}`)")
        if not defined and not close:
            hints += self._qualified_suggestions(name, path, text)
        return f" ({'; '.join(hints)})" if hints else ""

    def _qualified_suggestions(self, name: str, path: str, text: str) -> list[str]:
        """`to_celsius` is undefined, but the file imports `units`, which has `fahrenheit_to_celsius`."""
        aliases = self.imported_modules(path)
        out = []
        for local, module in aliases.items():
            for similar in self.similar(name, module):
                out.append(f"did you mean `{local}.{similar}`? (`{local}` is imported here)")
        if not out:
            out = [f"similar names in the workspace: {', '.join(f'`{s}`' for s in self.similar(name))}"]
            if out[0].endswith(": "):
                out = []
        if not out:
            # No name is spelled alike: what the imported modules offer, since the intended function
            # often has another name (`parse_value` for `values.coerce`).
            out = [offer for local, module in aliases.items() if (offer := self._module_offer(local, module, name))]
        return out[:2]

    def imported_modules(self, path: str) -> dict[str, str]:
        """The workspace modules a Python file imports whole: local name -> dotted module name."""
        aliases: dict[str, str] = {}
        fi = self.graph.files.get(path)
        for imp in fi.imports if fi is not None else ():
            module = self.graph.resolver.python_module(path, imp.module) if path.endswith(".py") else None
            if module is None:
                continue
            if imp.name and f"{module}.{imp.name}" in self.graph.modules:
                aliases[imp.alias or imp.name] = f"{module}.{imp.name}"
            elif imp.name is None:
                aliases[imp.alias or imp.module] = module
        return aliases

    def _top_symbols(self, paths: Iterable[str], kinds: tuple[str, ...]) -> list[Symbol]:
        """The module-level symbols of `paths` of the given kinds, in file order."""
        found = [self.graph.symbols[sid] for p in paths for sid in self.graph.top.get(p, {}).values()]
        return sorted((s for s in found if s.kind in kinds), key=lambda s: (s.path, s.start))

    def choices(self, path: str, unit: CodeUnit, name: str, kinds: tuple[str, ...]) -> list[Choice]:
        """What may have been meant by an undefined `name`: public top-level classes and functions of
        the imported workspace modules, then the file's own (the unit excepted)."""
        found: list[Choice] = []
        for local, module in self.imported_modules(path).items():
            found += [
                Choice(f"{local}.{sym.name}", sym.kind, doc_summary(sym))
                for sym in self._top_symbols(self.graph.modules.get(module, ()), kinds)
                if not sym.name.startswith("_")
            ]
        own = unit.symbol.qualname if unit.symbol is not None else ""
        found += [
            Choice(sym.name, sym.kind, doc_summary(sym))
            for sym in self._top_symbols([path], kinds)
            if sym.qualname != own
        ]
        return list({c.code: c for c in found}.values())[:MAX_CHOICES]

    def _module_offer(self, local: str, module: str, name: str) -> str:
        """ "`bbox` (imported here) has `bbox.Box` (class): An axis-aligned box.; `bbox.around(center,
        radius) -> Box`: ...": a few of its classes and functions, classes first for a capitalised name."""
        order = ("class", "function") if name[:1].isupper() else ("function", "class")
        offered = [
            s for s in self._top_symbols(self.graph.modules.get(module, ()), order) if not s.name.startswith("_")
        ]
        shown = []
        for sym in sorted(offered, key=lambda s: order.index(s.kind))[:MODULE_OFFER]:
            head = f"{sym.name}` (class)" if sym.kind == "class" else call_form(sym) + "`"
            summary = doc_summary(sym)
            shown.append(f"`{local}.{head}" + (f": {summary}" if summary else ""))
        return f"`{local}` (imported here) has " + "; ".join(shown) if shown else ""


def doc_summary(sym: Symbol) -> str:
    return sym.doc.strip().split("\n")[0][:80]
