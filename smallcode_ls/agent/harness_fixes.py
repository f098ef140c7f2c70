"""Fixes the harness makes on its own, before or around the model: missing imports, typos,
ruff's safe fixes, a missing `global`. Each is kept only when the file then lints better, and
the engine still verifies the result like any candidate.
"""

from __future__ import annotations

import asyncio
import difflib
import os
import re
import sys
from collections import Counter
from collections.abc import Awaitable, Callable

from ..graph.model import Symbol
from ..graph.store import CodeGraph
from ..workspace import Workspace
from .families import ASSIGNED_CONSTANT
from .js_imports import add_import as add_js_import
from .js_imports import exports as js_exports
from .js_imports import import_spec, undeclared_names
from .js_imports import undefined_names as js_undefined_names
from .placeholder_names import named_placeholder
from .rename import same_family
from .replies import add_imports
from .stdlib_names import stdlib_homes
from .syntax_repair import LINES_ABOVE, repairs
from .units import CodeUnit, past_docstring, symbols_of, unit_at_line
from .verify import OUT_OF_PLACE, Problem, python_syntax_problem, ruff_fixed, ruff_problems, syntax_problems

JS_FILES = (".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx")

IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# A token tree-sitter reports missing (`syntax error: missing )`): punctuation only, since a
# missing identifier or expression has no one right text.
_MISSING_TOKEN = re.compile(r"syntax error: missing ([)\]};,:]|=>)")
UNDEFINED = re.compile(r"[Uu]ndefined name [`'\"]?([A-Za-z_][A-Za-z0-9_]*)")
Fatal = Callable[[str, str], Awaitable[list[Problem]]]
Note = Callable[..., None]


class HarnessFixes:
    """`fatal(path, text)` lints a text; `note(event, summary, **data)` records a fix in the trace
    and in the outcome the user sees."""

    def __init__(self, workspace: Workspace, graph: CodeGraph, fatal: Fatal, note: Note, lint_timeout: float) -> None:
        self.ws = workspace
        self.graph = graph
        self.fatal = fatal
        self.note = note
        self.lint_timeout = lint_timeout

    async def before_model(self, path: str, text: str, problems: list[Problem]) -> tuple[str, list[Problem]]:
        """Every fix in turn on a file's problems; returns the text and the problems left."""
        text, problems = await self.fix_syntax(path, text, problems)
        text, problems = await self.add_missing_imports(path, text, problems)
        text, problems = await self.fix_typos(path, text, problems)
        text, problems = await self.linter_fixes(path, text, problems)
        return await self.fix_globals(path, text, problems)

    async def fix_syntax(self, path: str, text: str, problems: list[Problem]) -> tuple[str, list[Problem]]:
        """A syntax error that one token or one indentation step mends (a missing colon, bracket or
        comma, a `return` dedented out of its method) is mended by the harness, when the file then
        parses and lints better (in other languages, one missing token: `insert_missing_token`).
        The editor's reports of it go with it."""
        if not path.endswith(".py"):
            return await self.insert_missing_token(path, text, problems)
        before = await self.fatal(path, text)
        broken = [p for p in before if p.source == "syntax" or p.code in OUT_OF_PLACE]
        if not broken:
            return text, problems
        first = broken[0]
        for candidate in repairs(text, first.line, first.message):
            if python_syntax_problem(path, candidate) is not None:
                continue
            after = await self.fatal(path, candidate)
            if len(after) >= len(before) or any(p.source == "syntax" or p.code in OUT_OF_PLACE for p in after):
                continue
            self.note("harness_syntax", f"syntax mended by the harness on line {first.line + 1}", line=first.line)
            near = range(first.line - LINES_ABOVE, first.line + LINES_ABOVE + 1)
            kept = [p for p in problems if p.source == "editor" and p.line not in near]
            return candidate, _still_there(problems, after) + kept
        return text, problems

    async def insert_missing_token(self, path: str, text: str, problems: list[Problem]) -> tuple[str, list[Problem]]:
        """Outside Python, a syntax error the parser can name as one missing token (`)` in
        `for (const cells of body {`) gets that token where the parser found it missing, when the
        file then parses cleanly (and passes `node --check`) with fewer problems. The editor's
        reports of it go with it."""
        before = await self.fatal(path, text)
        broken = [p for p in before if p.source in ("syntax", "node")]
        lines = text.split("\n")
        for problem in broken:
            token = _MISSING_TOKEN.fullmatch(problem.message)
            if token is None or not 0 <= problem.line < len(lines) or problem.col > len(lines[problem.line]):
                continue
            line = lines[problem.line]
            mended = line[: problem.col] + token.group(1) + line[problem.col :]
            candidate = "\n".join([*lines[: problem.line], mended, *lines[problem.line + 1 :]])
            after = await self.fatal(path, candidate)
            if len(after) >= len(before) or any(p.source in ("syntax", "node") for p in after):
                continue
            self.note(
                "harness_syntax",
                f"syntax mended by the harness on line {problem.line + 1}: `{token.group(1)}` added",
                line=problem.line,
            )
            near = range(problem.line - LINES_ABOVE, problem.line + LINES_ABOVE + 1)
            kept = [p for p in problems if p.source == "editor" and p.line not in near]
            return candidate, _still_there(problems, after) + kept
        return text, problems

    async def add_missing_imports(self, path: str, text: str, problems: list[Problem]) -> tuple[str, list[Problem]]:
        """Undefined names that are a standard library module used as `name.attr`, defined once at the
        top level of another workspace module, or exported by one common standard module
        (`ROUND_HALF_UP`, `defaultdict`), get their import from the harness: the fix lies outside
        any unit the model would see, and a small model rarely adds it. Kept only if it lints better."""
        if path.endswith(JS_FILES):
            return self._add_js_imports(path, text, problems)
        if not path.endswith(".py"):
            return text, problems
        lines = text.split("\n")
        imports: dict[str, str] = {}
        for problem in problems:
            match = UNDEFINED.search(problem.message)
            if match is None or not 0 <= problem.line < len(lines):
                continue
            name = match.group(1)
            if name in sys.stdlib_module_names and re.search(rf"\b{name}\.", lines[problem.line]):
                imports[name] = f"import {name}"
                continue
            # Code never imports from a test module (a test helper the model saw in the context).
            defined, home = defining_module(self.graph, name, besides=path, tests=self.graph.is_test_file(path))
            if home is not None:
                imports[name] = f"from {home} import {name}"
            elif not defined and name.isupper() and len(homes := self._constant_homes(name, path)) == 1:
                # `FILTERS` from the module next door (constants are not graph symbols).
                imports[name] = f"from {homes.pop()} import {name}"
            elif not defined and len(stdlib_homes(name)) == 1:
                # A lowercase name only when called (`sqrt(x)`): an undefined `count` used as a
                # value is more likely a local the code lost than itertools.count.
                called = re.search(rf"(?<![\w.]){name}\(|@{name}\b", lines[problem.line])
                if name[:1].isupper() or called:
                    imports[name] = f"from {stdlib_homes(name)[0]} import {name}"
        if not imports:
            return text, problems
        candidate = add_imports(text, sorted(set(imports.values())))
        after = await self.lints_better(path, text, candidate)
        if after is None:
            return text, problems
        added = sorted(set(imports.values()))
        self.note("harness_imports", "imports added by the harness: " + ", ".join(added), added=added)
        # The problems still there, at their new lines (the imports moved everything below them).
        remaining = _still_there(problems, after)
        shift = candidate.count("\n") - text.count("\n")
        names = set(imports)
        for p in problems:
            if p.source == "editor" and not any(f"`{n}`" in p.message or f"'{n}'" in p.message for n in names):
                remaining.append(Problem(p.path, p.line + shift, p.col, p.message, p.code, p.source))
        return candidate, remaining

    def _add_js_imports(self, path: str, text: str, problems: list[Problem]) -> tuple[str, list[Problem]]:
        """JavaScript and TypeScript names reported undefined (`toKilograms is not defined`,
        `Cannot find name 'formatHours'`) that exactly one other workspace module exports."""
        candidate = text
        added: list[str] = []
        for name in dict.fromkeys(n for p in problems for n in js_undefined_names(p.message)):
            homes = {
                s.path
                for s in self.graph.find(name)
                if s.name == name and not s.parent and s.path != path and same_family(s.path, path)
                and not self.graph.is_test_file(s.path) and js_exports(self.ws.read(s.path), name)
            }  # fmt: skip
            if len(homes) != 1 or re.search(rf"\b(?:import|require)\b[^\n]*\b{re.escape(name)}\b", candidate):
                continue
            candidate = add_js_import(candidate, name, import_spec(path, candidate, homes.pop()))
            added.append(name)
        if not added or syntax_problems(path, candidate):
            return text, problems
        self.note("harness_imports", "imports added by the harness: " + ", ".join(added), added=added)
        shift = candidate.count("\n") - text.count("\n")
        remaining = [
            Problem(p.path, p.line + shift, p.col, p.message, p.code, p.source)
            for p in problems
            if not set(js_undefined_names(p.message)) & set(added)
        ]
        return candidate, remaining

    async def lints_better(self, path: str, text: str, candidate: str) -> list[Problem] | None:
        """The candidate's fatal problems when it has fewer than the text and no new ones; None
        otherwise. Every fix the harness makes on its own must pass this."""
        before = await self.fatal(path, text)
        after = await self.fatal(path, candidate)
        if Counter(p.key for p in after) - Counter(p.key for p in before) or len(after) >= len(before):
            return None
        return after

    async def linter_fixes(self, path: str, text: str, problems: list[Problem]) -> tuple[str, list[Problem]]:
        """Problems ruff knows how to fix safely (`x is 1`) are fixed by ruff itself, kept only if the
        file then lints better."""
        codes = sorted({p.code for p in problems if p.source == "ruff" and re.fullmatch(r"[A-Z]+\d+", p.code)})
        if not codes or not path.endswith(".py"):
            return text, problems
        candidate = await asyncio.to_thread(ruff_fixed, path, text, codes, self.lint_timeout)
        if candidate is None:
            return text, problems
        after = await self.lints_better(path, text, candidate)
        if after is None:
            return text, problems
        self.note("harness_lint_fixes", "fixed by ruff's own fixes: " + ", ".join(codes), codes=codes)
        return candidate, _still_there(problems, after) + [p for p in problems if p.source == "editor"]

    async def with_missing_imports(self, path: str, candidate: str) -> str:
        """A reply that calls a workspace function or standard module without importing it gets the
        import from the harness: the model only sees its unit, not the file's import block."""
        if path.endswith(JS_FILES):
            # JavaScript has no fatal lint for an unknown name, so the file is read for them here.
            unknown = [Problem(path, 0, 0, f"{name} is not defined") for name in undeclared_names(path, candidate)]
            return self._add_js_imports(path, candidate, unknown)[0] if unknown else candidate
        if not path.endswith(".py"):
            return candidate
        problems = await self.fatal(path, candidate)
        if not any(UNDEFINED.search(p.message) for p in problems):
            return candidate
        candidate, problems = await self._name_placeholders(path, candidate, problems)
        renamed = _unshadowed(path, candidate, problems)
        if renamed != candidate:
            # `shipping_cost = shipping_cost(...)`: the local hides the function the import would
            # bring, so the local is renamed, kept only if the import then goes in.
            fixed, _ = await self.add_missing_imports(path, renamed, await self.fatal(path, renamed))
            if fixed != renamed:
                self.note("harness_unshadow", "a local named like the function it calls was renamed by the harness")
                return fixed
        fixed, _ = await self.add_missing_imports(path, candidate, problems)
        return fixed

    async def _name_placeholders(self, path: str, candidate: str, problems: list[Problem]) -> tuple[str, list[Problem]]:
        """An undefined name a loop's `_` stands for (`for count, _, _ in shown` reading `name`)
        becomes that loop's name, when the file then lints better."""
        for problem in problems:
            match = UNDEFINED.search(problem.message)
            named = named_placeholder(candidate, problem.line, match.group(1)) if match else None
            after = await self.lints_better(path, candidate, named) if named is not None else None
            if match and named is not None and after is not None:
                self.note("harness_placeholder", f"`_` named `{match.group(1)}` by the harness", named=match.group(1))
                return await self._name_placeholders(path, named, after)
        return candidate, problems

    async def fix_typos(self, path: str, text: str, problems: list[Problem]) -> tuple[str, list[Problem]]:
        """An undefined name with exactly one near spelling among the names its unit can see (`widht`
        next to the parameter `width`) is respelt by the harness; kept only if the file then lints
        better. Small models often copy a typo back unchanged."""
        lines = text.split("\n")
        candidate_lines = list(lines)
        fixed: list[str] = []
        imports: set[str] = set()
        for problem in problems:
            match = UNDEFINED.search(problem.message)
            if match is None or problem.source == "editor" or not 0 <= problem.line < len(lines):
                continue
            name = match.group(1)
            unit = unit_at_line(path, text, problem.line)
            visible = set(IDENT.findall(unit.text)) | {s.name for s in symbols_of(path, text) if not s.parent}
            visible.discard(name)
            close = difflib.get_close_matches(name, visible, n=2, cutoff=0.8)
            if not close:
                # `taken = self._ready(now)` under `current = self.clock.now()`, never used: the
                # one unused local of the unit is what the code meant.
                close = await self._unused_locals(path, text, unit)
            if not close and self._assigns_self_attribute(path, text, problem.line, name):
                close = [f"self.{name}"]
            if not close:
                # A shortened name (`to_celsius` for `fahrenheit_to_celsius`, `DELIMITER` for
                # `CSV_DELIMITER`): the one workspace function or constant nearby whose name
                # holds it as whole words, imported when it lives elsewhere.
                longer = self._longer_names(name, path) or self._sibling_constants(name, path)
                if len(longer) == 1:
                    close, module = [longer[0][0]], longer[0][1]
                    if module:
                        imports.add(f"from {module} import {close[0]}")
            if len(close) != 1:
                continue
            line = candidate_lines[problem.line]
            candidate_lines[problem.line] = re.sub(rf"(?<![\w.]){re.escape(name)}\b", close[0], line)
            fixed.append(f"{name} -> {close[0]}")
        if not fixed:
            return text, problems
        candidate = "\n".join(candidate_lines)
        if imports:
            candidate = add_imports(candidate, sorted(imports))
        after = await self.lints_better(path, text, candidate)
        if after is None:
            return text, problems
        self.note("harness_typos", "typos fixed by the harness: " + ", ".join(fixed), fixed=fixed)
        remaining = _still_there(problems, after) + [p for p in problems if p.source == "editor"]
        return candidate, remaining

    def _longer_names(self, name: str, path: str) -> list[tuple[str, str]]:
        """Top-level functions and classes outside tests whose name holds `name` as whole words,
        with the module to import each from ("" when it is in `path` itself)."""
        words = re.compile(rf"(?:^|_){re.escape(name)}(?:_|$)")
        found: dict[str, set[str]] = {}
        with self.graph.lock:
            for sym in self.graph.symbols.values():
                if sym.parent or sym.name == name or not words.search(sym.name) or self.graph.is_test_file(sym.path):
                    continue
                if sym.path == path:
                    found.setdefault(sym.name, set()).add("")
                elif same_family(sym.path, path) and path.endswith(".py"):
                    modules = self.graph.file_modules.get(sym.path, ())
                    found.setdefault(sym.name, set()).add(next(iter(modules), "?"))
        return [(n, next(iter(m))) for n, m in sorted(found.items()) if len(m) == 1 and "?" not in m]

    async def _unused_locals(self, path: str, text: str, unit: CodeUnit) -> list[str]:
        if not path.endswith(".py") or unit.kind not in ("function", "method"):
            return []
        timeout = self.lint_timeout
        found = await asyncio.to_thread(ruff_problems, path, text, timeout, "F841")
        names = {
            m.group(1)
            for p in found
            if unit.start_line <= p.line <= unit.end_line and (m := re.search(r"`([A-Za-z_]\w*)`", p.message))
        }
        return sorted(names) if len(names) == 1 else []

    def _assigns_self_attribute(self, path: str, text: str, line: int, name: str) -> bool:
        """Whether `line` is in a method of a class that sets `self.<name>` (a forgotten `self.`)."""
        classes = [s for s in symbols_of(path, text) if s.kind == "class" and s.start[0] <= line <= s.end[0]]
        if not classes or not path.endswith(".py"):
            return False
        inner = max(classes, key=lambda s: s.start[0])
        body = "\n".join(text.split("\n")[inner.start[0] : inner.end[0] + 1])
        return re.search(rf"\bself\.{re.escape(name)}\s*(?::[^=\n]+)?=(?!=)", body) is not None

    def _sibling_constants(self, name: str, path: str) -> list[tuple[str, str]]:
        """Module-level constants in the modules next to `path` whose name is `name` or holds it as
        whole words, with the module to import each from. Constants are not graph symbols, and the
        package next door is where a shortened one usually lives."""
        if not name.isupper() or not path.endswith(".py"):
            return []
        words = re.compile(rf"^(?:\w+_)?{re.escape(name)}(?:_\w+)?$")
        found: dict[str, str] = {}
        for const, module in self._constants_next_to(path):
            if words.match(const):
                found.setdefault(const, module)
        return sorted(found.items())

    def _constant_homes(self, name: str, path: str) -> set[str]:
        """The modules next to `path` that assign the constant `name` at their top level."""
        return {module for const, module in self._constants_next_to(path) if const == name}

    def _constants_next_to(self, path: str) -> list[tuple[str, str]]:
        """(constant, module) for every module-level constant of the other non-test modules in
        `path`'s directory."""
        found = []
        directory = os.path.dirname(path)
        for entry in sorted(os.listdir(directory)):
            other = os.path.join(directory, entry)
            if not entry.endswith(".py") or other == path or self.graph.is_test_file(other):
                continue
            modules = self.graph.file_modules.get(other, ())
            if modules:
                found += [(const, next(iter(modules))) for const in ASSIGNED_CONSTANT.findall(self.ws.read(other))]
        return found

    async def fix_globals(self, path: str, text: str, problems: list[Problem]) -> tuple[str, list[Problem]]:
        """`_counter += 1` in a function, with `_counter` a module-level variable (ruff F823): the
        function lacks `global _counter`, which the harness adds after the docstring."""
        lines = text.split("\n")
        inserts: dict[int, list[str]] = {}
        for problem in problems:
            match = re.search(r"`([A-Za-z_]\w*)`", problem.message)
            if problem.code != "F823" or match is None:
                continue
            name = match.group(1)
            if not re.search(rf"^{re.escape(name)}\s*(?::[^=\n]+)?=(?!=)", text, re.M):
                continue
            func = _innermost_function(path, text, problem.line)
            if func is None:
                continue
            body = _first_statement_after_docstring(lines, func.start[0] + 1)
            indent = lines[body][: len(lines[body]) - len(lines[body].lstrip())] if body < len(lines) else "    "
            inserts.setdefault(body, []).append(f"{indent}global {name}")
        if not inserts:
            return text, problems
        out: list[str] = []
        for number, line in enumerate(lines):
            out += inserts.get(number, [])
            out.append(line)
        candidate = "\n".join(out)
        after = await self.lints_better(path, text, candidate)
        if after is None:
            return text, problems
        added = [g.strip() for group in inserts.values() for g in group]
        self.note("harness_globals", "declared by the harness: " + ", ".join(added), added=added)
        return candidate, _still_there(problems, after) + [p for p in problems if p.source == "editor"]


def defining_module(graph: CodeGraph, name: str, besides: str = "", tests: bool = False) -> tuple[bool, str | None]:
    """Whether a workspace file other than `besides` defines `name` at its top level (test files
    only when `tests`), and the module to import it from when exactly one module does."""
    defined = [
        s
        for s in graph.find(name)
        if not s.parent and s.path != besides and s.name == name and (tests or not graph.is_test_file(s.path))
    ]
    modules = {next(iter(graph.file_modules.get(s.path, ())), "") for s in defined}
    return bool(defined), (modules.pop() if len(modules) == 1 and "" not in modules else None)


def _still_there(problems: list[Problem], after: list[Problem]) -> list[Problem]:
    """Of `problems`, those a new lint still reports, as it reports them (at their new lines)."""
    wanted = Counter(p.key for p in problems)
    remaining = []
    for p in after:
        if wanted[p.key] > 0:
            wanted[p.key] -= 1
            remaining.append(p)
    return remaining


def _first_statement_after_docstring(lines: list[str], start: int) -> int:
    """The line of a function body's first statement, past blank lines and a docstring."""
    body = start
    while body < len(lines) and not lines[body].strip():
        body += 1
    return past_docstring(lines, body)


def _innermost_function(path: str, text: str, line: int) -> Symbol | None:
    """The innermost function or method around `line`."""
    around = [s for s in symbols_of(path, text) if s.kind in ("function", "method") and s.start[0] <= line <= s.end[0]]
    return max(around, key=lambda s: s.start[0]) if around else None


def _unshadowed(path: str, text: str, problems: list[Problem]) -> str:
    """`total = total(items)` inside a function makes `total` a local, so the function of that name
    cannot be reached there: the local gets another name (`total_value`) from that line to the end
    of its function; calls keep the function's name."""
    lines = text.split("\n")
    for problem in problems:
        match = UNDEFINED.search(problem.message)
        if match is None or not 0 <= problem.line < len(lines):
            continue
        name = match.group(1)
        assign = rf"^\s*{re.escape(name)}\s*(?::[^=\n]+)?=\s*(?:await\s+)?{re.escape(name)}\s*\("
        if not re.match(assign, lines[problem.line]):
            continue
        func = _innermost_function(path, text, problem.line)
        if func is None:
            continue
        end = func.end[0]
        local = f"{name}_value"
        if re.search(rf"\b{local}\b", text):
            continue
        use = re.compile(rf"(?<![\w.]){re.escape(name)}\b(?!\s*\()")
        for number in range(problem.line, min(end, len(lines) - 1) + 1):
            lines[number] = use.sub(local, lines[number])
    return "\n".join(lines)
