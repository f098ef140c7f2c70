"""Type errors an answer adds: mypy on the sandbox, only the kinds that are nearly always bugs.

A small model's answer can lint clean, run, and still be wrong in a way the annotations already
say: `-> dict[str, Decimal]` returning `sorted(totals.items())`, or a caller unpacking as a tuple
the dataclass the edit now returns. Where no test covers the code, mypy is the only check that sees
it. Only errors new against the file as it was before the task count, and only kinds with few
false alarms on working code: nothing about `None` (narrowing mypy cannot follow), missing
annotations, redefinitions or imports.
"""

from __future__ import annotations

import ast
import asyncio
import importlib.util
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import platformdirs

from ..graph.store import CodeGraph
from .units import CodeUnit, symbols_of
from .unpack_repair import read_by_attributes, unpacked_class
from .verify import Problem, Verifier

# mypy error codes that mean the code does something its own types rule out.
COUNTED = frozenset(
    {
        "return-value",
        "arg-type",
        "call-arg",
        "attr-defined",
        "index",
        "operator",
        "return",
        "list-item",
        "dict-item",
        "typeddict-item",
        "call-overload",
        "misc",
    }
)
# `misc` is mypy's catch-all; only these of its messages are counted (`is read-only`: a field of a
# frozen dataclass, or a property without a setter, assigned to).
MISC_COUNTED = ("is not iterable", "Too many values to unpack", "Need more than", "is read-only")


def counted(problem: Problem) -> bool:
    if problem.code not in COUNTED or "None" in problem.message:
        return False
    return problem.code != "misc" or any(m in problem.message for m in MISC_COUNTED)


def raises(problem: Problem) -> bool:
    """A counted error the line raises on whenever it runs (a call with the wrong arguments, a
    missing attribute, indexing an `int`, assigning a frozen field, unpacking a non-sequence),
    where the other kinds (a wrong argument or return type) may only be mypy's misreading."""
    if not counted(problem):
        return False
    if problem.code in ("call-arg", "attr-defined", "misc"):
        return True
    return problem.code == "index" and "is not indexable" in problem.message


def added_errors(before: Iterable[Problem], after: Iterable[Problem], lines: range | None = None) -> list[Problem]:
    """The counted errors of `after` not in `before`, matched by kind and message (lines move as
    code is rewritten); with `lines`, only those on those lines of the new text."""
    old = Counter((p.code, p.message) for p in before if counted(p))
    found = []
    for problem in after:
        if not counted(problem) or (lines is not None and problem.line not in lines):
            continue
        key = (problem.code, problem.message)
        if old[key] > 0:
            old[key] -= 1
            continue
        found.append(problem)
    return found


class TypeChecks:
    """The type errors a unit's answer adds, against the file as it was before the task."""

    def __init__(self, verifier: Verifier, graph: CodeGraph, cache_dir: str | None) -> None:
        self.verifier = verifier
        self.graph = graph
        base = Path(cache_dir) if cache_dir else Path(platformdirs.user_cache_dir("smallcode-ls"))
        self.cache_dir = base / "mypy"
        self._baselines: dict[tuple[str, int], list[Problem] | None] = {}
        self._mypy = importlib.util.find_spec("mypy") is not None  # once, not per answer

    def wanted(self, path: str) -> bool:
        return self._mypy and path.endswith(".py")

    async def added(
        self,
        path: str,
        original: str,
        candidate: str,
        unit: CodeUnit,
        text: str,
        buffers: tuple[Mapping[str, str], Mapping[str, str]],
    ) -> list[Problem]:
        """Each counted error on the unit's lines of `candidate` that `original` (the file before
        the task) does not have (`describe` words one as feedback); nothing when mypy cannot judge
        either version. `buffers`: the other files before the task, then as the edit has left them
        so far (a caller that unpacks what a changed function no longer returns is new, not old)."""
        return await self.new_errors(path, original, candidate, buffers, _span(path, text, candidate, unit))

    def read_by_attributes(self, text: str, problems: list[Problem]) -> str | None:
        """`text` with each tuple unpacking of a workspace class's object that `problems` name
        rewritten to read its attributes (`unpack_repair`); None when none could be."""
        changed, done = text, set()
        for problem in sorted(problems, key=lambda p: -p.line):  # the last first: lines above stay
            name = unpacked_class(problem.message)
            if name is None or problem.line in done:
                continue
            members = self.members(name)
            new = read_by_attributes(changed, problem.line, name, members) if members else None
            if new is not None:
                changed = new
                done.add(problem.line)
        return changed if changed != text else None

    def members(self, name: str) -> list[str]:
        """The attributes of the workspace's Python class `name` (the first one, if several)."""
        for sym in self.graph.find(name):
            if sym.kind == "class" and sym.path.endswith(".py"):
                try:
                    return class_members(self.verifier.workspace.read(sym.path), name)
                except (OSError, UnicodeDecodeError):
                    return []
        return []

    async def new_errors(
        self,
        path: str,
        original: str,
        candidate: str,
        buffers: tuple[Mapping[str, str], Mapping[str, str]],
        lines: range | None = None,
    ) -> list[Problem]:
        """The counted errors of `candidate` (on `lines`, or anywhere) that `original` has not."""
        key = (path, hash(original))
        if key not in self._baselines:
            check = self.verifier.type_problems
            self._baselines[key] = await asyncio.to_thread(check, path, original, buffers[0], self.cache_dir)
        before = self._baselines[key]
        if before is None:
            return []
        after = await asyncio.to_thread(self.verifier.type_problems, path, candidate, buffers[1], self.cache_dir)
        if after is None:
            return []
        count = candidate.count("\n") + 1
        return [p for p in added_errors(before, after, lines) if p.line < count]


def describe(problem: Problem, text: str, members: Callable[[str], list[str]]) -> str:
    """`line 38: `return sorted(totals.items())`: Incompatible return value type (...)`, with what
    the class has when the error is about a class's object (`members`: its fields by class name)."""
    code = text.split("\n")[problem.line].strip()
    hint = member_hint(problem.message, members)
    return f"line {problem.line + 1}: `{code}`: {problem.message} (mypy, from the annotations){hint}"


def member_hint(message: str, members: Callable[[str], list[str]]) -> str:
    """`; a `Slot` cannot be unpacked like a tuple: use its attributes `.start`, `.end``, for an
    error about an object of a class whose attributes `members` knows; "" otherwise."""
    match = _CLASS_OBJECT.match(message)
    names = members(match.group(1)) if match is not None else []
    if match is None or not names:
        return ""
    shown = ", ".join(f"`.{n}`" for n in names[:8])
    if "not iterable" in message:
        return f"; a `{match.group(1)}` cannot be unpacked like a tuple: use its attributes {shown}"
    return f"; a `{match.group(1)}` has {shown}"


# `"Slot" object is not iterable`, `"Slot" has no attribute "begin"`
_CLASS_OBJECT = re.compile(r'"(\w+)" (?:object is not iterable|has no attribute)')


def class_members(source: str, name: str) -> list[str]:
    """The attributes of class `name` in Python `source`: its annotated fields (a dataclass's,
    a NamedTuple's), what `__init__` sets on `self`, and its properties; [] when not there."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return []
    for node in ast.walk(tree):
        if not isinstance(node, ast.ClassDef) or node.name != name:
            continue
        found: list[str] = []
        for item in node.body:
            if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                found.append(item.target.id)
            elif isinstance(item, ast.FunctionDef) and item.name == "__init__":
                for sub in ast.walk(item):
                    targets = sub.targets if isinstance(sub, ast.Assign) else [getattr(sub, "target", None)]
                    for target in targets:
                        if (
                            isinstance(target, ast.Attribute)
                            and isinstance(target.value, ast.Name)
                            and target.value.id == "self"
                        ):
                            found.append(target.attr)
            elif isinstance(item, ast.FunctionDef) and any(
                isinstance(d, ast.Name) and d.id == "property" for d in item.decorator_list
            ):
                found.append(item.name)
        return [n for n in dict.fromkeys(found) if not n.startswith("_")]
    return []


def _span(path: str, text: str, candidate: str, unit: CodeUnit) -> range:
    """The unit's lines in `candidate`: where its symbol now is, else where it was, grown or shrunk."""
    if unit.symbol is not None:
        for sym in symbols_of(path, candidate):
            if sym.qualname == unit.name:
                return range(sym.start[0], sym.end[0] + 1)
    grown = len(candidate.split("\n")) - len(text.split("\n"))
    return range(unit.start_line, unit.end_line + 1 + grown)
