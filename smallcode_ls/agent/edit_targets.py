"""Where an edit instruction applies: the units the model rewrites one at a time.

A small model edits one unit at a time, so the harness must find every unit the change reaches
before the first round: the named symbol, its callers (a changed signature), the constructors of
classes the instruction names, calls the graph could not resolve in files the instruction names,
and the tests that call the changed code, last.
"""

from __future__ import annotations

import keyword
import os
import re

from ..graph.model import Symbol
from ..graph.store import CodeGraph
from ..workspace import Workspace, WorkspaceError
from .tasks import Task
from .units import CodeUnit, find_symbol, symbols_of, unit_at_line, unit_for_symbol

CONSTRUCTORS = ("__init__", "constructor")
# Words an instruction puts in backticks that are values, not names to bring in.
_COMMON_WORDS = frozenset({"true", "false", "null", "undefined", "self", "this", "None", "True", "False"})
NEW_NAME_FILES = 3000  # workspace files read to tell whether an instruction's name is new
NAMED_FILE_CALLERS = 6  # unresolved callers of an edited symbol taken from the files an instruction names


class EditTargets:
    def __init__(self, workspace: Workspace, graph: CodeGraph) -> None:
        self.ws = workspace
        self.graph = graph

    def for_task(self, task: Task) -> list[tuple[str, CodeUnit]]:
        """The units an edit works on, in order: the named symbol (or where a new one goes), then
        the code that calls it and the tests last; a selection; or every top-level symbol of
        each file, a file to create being one unit."""
        targets: list[tuple[str, CodeUnit]] = []
        files = [self.ws.resolve(f) for f in ([task.path] if task.path else []) + task.files]
        if task.symbol:
            candidates = [s for s in self.graph.find(task.symbol) if not files or s.path in files]
            if not candidates and files:
                for path in files:
                    sym = find_symbol(path, self.ws.read(path), task.symbol)
                    if sym is not None:
                        sym.path = path
                        candidates.append(sym)
            if not candidates:
                added = self._new_symbol_target(task.symbol, files, task.instruction)
                if added is None:
                    raise WorkspaceError(f"no symbol named {task.symbol!r} in the workspace, nor a place to add it")
                return [added]
            target = candidates[0]
            text = self.ws.read(target.path)
            fresh = find_symbol(target.path, text, target.qualname) or target
            targets.append((target.path, unit_for_symbol(target.path, text, fresh)))
            # Callers may have to follow a changed signature: each is its own unit.
            seen = {(target.path, fresh.qualname)}
            callers = self._caller_units(target, seen)
            targets += callers
            # A constructor that gains a parameter: a class the instruction names ("give
            # `KeyedLimiter` the same parameter") whose methods build these objects takes it in its
            # own constructor, and the code that builds that class follows.
            holders = {u.symbol.parent for _, u in callers if u.symbol is not None and u.symbol.parent}
            named = self._named_classes(task.instruction, {target.parent, target.name})
            for cls in [c for c in named if c.qualname in holders] if fresh.name in CONSTRUCTORS else []:
                ctext = self.ws.read(cls.path)
                init = find_symbol(cls.path, ctext, f"{cls.qualname}.__init__") or find_symbol(
                    cls.path, ctext, f"{cls.qualname}.constructor"
                )
                if init is not None and init.parent == cls.qualname and (cls.path, init.qualname) not in seen:
                    seen.add((cls.path, init.qualname))
                    targets.append((cls.path, unit_for_symbol(cls.path, ctext, init)))
                    targets += self._caller_units(cls, seen)
            targets += self._named_file_callers(task.instruction, fresh, seen)
            # Tests that call the changed code follow it, after all the code they exercise.
            return sorted(targets, key=lambda t: self.graph.is_test_file(t[0]))
        for path in files:
            if not os.path.exists(path):
                # A file to create: one unit, the whole file.
                targets.append((path, CodeUnit(path, "new file", "file", 0, 0, "", "")))
                continue
            text = self.ws.read(path)
            if task.line is not None and path == (files[0] if files else None):
                if task.end_line is not None and task.end_line > task.line:
                    lines = text.split("\n")
                    chunk = "\n".join(lines[task.line : task.end_line + 1])
                    indent = min(
                        (x[: len(x) - len(x.lstrip())] for x in chunk.split("\n") if x.strip()), key=len, default=""
                    )
                    name = f"lines {task.line + 1}-{task.end_line + 1}"
                    targets.append((path, CodeUnit(path, name, "window", task.line, task.end_line, chunk, indent)))
                else:
                    targets.append((path, unit_at_line(path, text, task.line)))
                continue
            symbols = [s for s in symbols_of(path, text) if not s.parent]
            targets += [(path, unit_for_symbol(path, text, s)) for s in symbols]
        return targets

    def _new_symbol_target(self, symbol: str, files: list[str], instruction: str) -> tuple[str, CodeUnit] | None:
        """Where a symbol that does not exist yet goes: `Order.cancel` at the end of class `Order`,
        a function at the end of the given file, else of the file the instruction names after it
        ("a function `add_business_days(...)` in officekit/dates.py")."""
        parent, _, name = symbol.rpartition(".")
        if parent:
            classes = [
                s
                for s in self.graph.find(parent.rsplit(".", 1)[-1])
                if s.kind == "class" and s.qualname.endswith(parent) and (not files or s.path in files)
            ]
            if not classes:
                return None
            path = classes[0].path
            text = self.ws.read(path)
            cls = find_symbol(path, text, classes[0].qualname)
            if cls is None:
                return None
            lines = text.split("\n")
            body = [x for x in lines[cls.start[0] + 1 : cls.end[0] + 1] if x.strip()]
            indent = body[0][: len(body[0]) - len(body[0].lstrip())] if body else "    "
            start = cls.end[0] + 1
            return path, CodeUnit(path, symbol, "new", start, start - 1, "", indent)
        home = files[0] if files else self._path_named_after(name, instruction)
        if home is None or not os.path.isfile(home):
            return None
        lines = self.ws.read(home).split("\n")
        start = len(lines) - 1 if lines[-1] == "" else len(lines)
        return home, CodeUnit(home, name, "new", start, start - 1, "", "")

    def _caller_units(self, target: Symbol, seen: set[tuple[str, str]]) -> list[tuple[str, CodeUnit]]:
        """The functions that call `target`, each once; for a constructor, those that call its class."""
        ids = [target.id] if target.id else []
        if target.name in CONSTRUCTORS and target.parent:
            ids += [c.id for c in self.graph.find(target.parent) if c.path == target.path and c.kind == "class"]
        sites = [site for sid in ids for site in self.graph.callers(sid)]
        # Same file first, then by place: the graph's own order follows hashing, not the code.
        sites.sort(key=lambda c: (c.path != target.path, c.path, c.symbol.start if c.symbol else (0, 0)))
        found: list[tuple[str, CodeUnit]] = []
        for site in sites:
            caller = site.symbol
            if caller is None or (caller.path, caller.qualname) in seen:
                continue
            seen.add((caller.path, caller.qualname))
            ctext = self.ws.read(caller.path)
            csym = find_symbol(caller.path, ctext, caller.qualname)
            if csym is not None:
                found.append((caller.path, unit_for_symbol(caller.path, ctext, csym)))
        return found

    def new_names(self, instruction: str, unit_text: str) -> list[str]:
        """Names the instruction gives in backticks that nothing in the workspace defines and the
        unit does not use yet (`shouldRetry` in "add a `shouldRetry` option to `retry`"): what
        the edit of the named symbol is asked to bring in."""
        names = [
            name
            for name in dict.fromkeys(re.findall(r"`([A-Za-z_]\w*)`", instruction))
            if name not in _COMMON_WORDS and not keyword.iskeyword(name) and not self.graph.find(name)
        ]
        names = [n for n in names if not re.search(rf"\b{re.escape(n)}\b", unit_text)]
        if not names or len(self.graph.files) > NEW_NAME_FILES:
            return []  # too many files to tell a new name from an old attribute: no check
        for path in list(self.graph.files):
            try:
                text = self.ws.read(path)
            except (OSError, UnicodeDecodeError, WorkspaceError):
                continue
            # An attribute or parameter the graph has no symbol for (`line` of an error) is old.
            names = [n for n in names if not re.search(rf"\b{re.escape(n)}\b", text)]
            if not names:
                break
        return names

    def _named_classes(self, instruction: str, skip: set[str]) -> list[Symbol]:
        """Workspace classes the instruction names in backticks, each defined once, in order."""
        found: list[Symbol] = []
        for name in dict.fromkeys(re.findall(r"`([A-Z]\w*)`", instruction)):
            classes = [s for s in self.graph.find(name) if s.kind == "class" and not s.parent]
            if len(classes) == 1 and name not in skip:
                found.append(classes[0])
        return found

    def _path_named_after(self, name: str, instruction: str) -> str | None:
        """The first workspace file the instruction names after mentioning `name`."""
        at = instruction.find(name)
        return next(iter(self._named_files(instruction[max(at, 0) :])), None)

    def _named_files(self, text: str) -> list[str]:
        """The workspace files a text names (`dnslite/resolver.py`), in order."""
        found: list[str] = []
        for match in re.finditer(r"[\w./-]+\.(?:py|js|mjs|ts|tsx)\b", text):
            try:
                path = self.ws.resolve(match.group(0))
            except WorkspaceError:
                continue
            if os.path.isfile(path) and path not in found:
                found.append(path)
        return found

    def _named_file_callers(
        self, instruction: str, symbol: Symbol, seen: set[tuple[str, str]]
    ) -> list[tuple[str, CodeUnit]]:
        """Functions in the files the instruction names ("update the code that relied on the
        KeyError in dnslite/resolver.py") that call something named like the symbol, where the
        graph could not tell the call is to it (`self.cache.get(key)`)."""
        # A constructor is called by its class's name.
        called = symbol.parent if symbol.name in CONSTRUCTORS and symbol.parent else symbol.name
        call = re.compile(rf"(?<![\w$]){re.escape(called)}\s*\(")
        found: list[tuple[str, CodeUnit]] = []
        for path in self._named_files(instruction):
            text = self.ws.read(path)
            for sym in symbols_of(path, text):
                if sym.kind == "class" or (path, sym.qualname) in seen or (path, sym.parent) in seen:
                    continue
                unit = unit_for_symbol(path, text, sym)
                body = unit.text.split("\n", 1)[1] if "\n" in unit.text else ""
                if call.search(body) and len(found) < NAMED_FILE_CALLERS:
                    seen.add((path, sym.qualname))
                    found.append((path, unit))
        return found
