"""Checks for an implemented stub that lints but that no test covers.

Two cheap signals stand in for the missing tests: what the docstring points at or promises and
the code ignores (`doc_names`), and a model-written example call run in the sandbox (`examples`).
Both only ever cost the model one more round per unit; the engine decides how to use them.
"""

from __future__ import annotations

import asyncio
import builtins
import dataclasses
import os
import re
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..config import AgentSettings
from ..graph.model import Symbol
from ..graph.store import CodeGraph
from ..model.errors import ModelError
from ..workspace import Workspace, WorkspaceError
from . import prompts
from .doc_names import doc_name_problems, documented_errors
from .examples import crash_in, example_script, screened
from .expectations import PRELUDE_LINES, Miss, instrumented, misses, printed, shown_output, stated_in
from .harness_fixes import IDENT, defining_module
from .mutations import strings_and_comments
from .stdlib_names import stdlib_homes
from .units import CodeUnit, call_form, find_symbol
from .verify import SCRIPT_NAME, Verifier

EXAMPLE = "example call"  # the key under which a crashing example is asked about, once
EXPECTED = "expected values"  # the key under which an example's wrong values are asked about, once
EXAMPLE_TIMEOUT = 15.0  # seconds for an example script; a loop in the new code ends here
# Functions an implementation calls that are searched for an error its docstring promises.
DOC_ERROR_CALLEES = 12
MAX_SCRIPT_IMPORTS = 3  # imports the harness adds to one example script
_NOT_DEFINED = re.compile(r"name '([A-Za-z_]\w*)' is not defined")

Chat = Callable[[list[dict[str, Any]], str], Awaitable[str]]
Note = Callable[..., None]


@dataclass
class ExampleRun:
    ran: bool  # the script ran, or ended in an error the docstring promises
    crash: str | None = None  # feedback when it crashed inside the new code
    script_error: str | None = None  # where the script failed on its own mistake
    misses: list[Miss] = field(default_factory=list)  # values printed that the script expected otherwise
    printed: list[tuple[str, str]] = field(default_factory=list)  # (expected, printed) per value reached

    @property
    def reached(self) -> int:
        return len(self.printed)

    @property
    def hits(self) -> int:
        return self.reached - len(self.misses)

    missing_name: str | None = None  # a name the script used without importing it


@dataclass
class ExampleState:
    """One unit's example across its rounds: asked for once, mended at most once."""

    asked: bool = False
    mended: bool = False
    script: str | None = None
    conversation: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Verdict:
    ask: dict[str, str] = field(default_factory=dict)  # feedback for one more round, by key
    sample: bool = False  # that round's answer is sampled: the last one came back unchanged
    keep: str | None = None  # an earlier answer that stands instead of this one


@dataclass
class ExpectedValues:
    """An example's printed values against the ones it expected, across a unit's rounds. Only a
    value the docstring itself gives goes back to the model (once, and once more sampled if the
    same code comes back); a later answer then replaces the one it was shown for only if it
    prints more of those values. The model's other expectations are too often wrong to act on
    (14 of 34 with the 1.5B): they only go into the outcome."""

    shown: tuple[str, int] | None = None  # the answer stated values were shown for, and how many it missed
    resampled: bool = False
    misses_of: dict[str, list[Miss]] = field(default_factory=dict)

    def judge(self, candidate: str, run: ExampleRun, asked: set[str], last: bool) -> Verdict:
        if run.crash and not last and EXAMPLE not in asked:
            return Verdict({EXAMPLE: run.crash})
        stated = [m.describe() for m in run.misses if m.stated]
        if stated and not last and EXPECTED not in asked:
            self.shown = (candidate, len(stated))
            self.misses_of[candidate] = _stated_first(run.misses)
            return Verdict({EXPECTED: prompts.expected_values(stated)})
        if self.shown is None:
            self.misses_of[candidate] = _stated_first(run.misses)
            return Verdict()
        before, missed_before = self.shown
        if candidate == before and not self.resampled and not last:
            # The same code back: greedy decoding repeats itself, so one sampled try more.
            self.resampled = True
            again = f"your reply is the same code as before; {prompts.expected_values(stated)}"
            return Verdict({f"{EXPECTED} again": again}, sample=True)
        if run.crash or len(stated) >= missed_before:
            return Verdict(keep=before)
        self.misses_of[candidate] = _stated_first(run.misses)
        return Verdict()

    def caveat(self, answer: str) -> str | None:
        """What the outcome says of an answer whose example printed other values than expected."""
        found = self.misses_of.get(answer)
        return f"its example call {found[0].describe('the model')}" if found else None


def _stated_first(found: list[Miss]) -> list[Miss]:
    return sorted(found, key=lambda m: not m.stated)


class StubChecks:
    def __init__(self, workspace: Workspace, graph: CodeGraph, verifier: Verifier, settings: AgentSettings) -> None:
        self.ws = workspace
        self.graph = graph
        self.verifier = verifier
        self.settings = settings

    def unused_doc_names(
        self, path: str, text: str, candidate: str, unit: CodeUnit, lang: str, demanded: set[str]
    ) -> dict[str, str]:
        """{name: feedback} for code the stub's docstring names, or errors it promises, that the
        implementation ignores, leaving out names already asked for."""
        if unit.symbol is None:
            return {}
        written = find_symbol(path, candidate, unit.symbol.qualname)
        if written is None:
            return {}
        body = "\n".join(candidate.split("\n")[written.start[0] : written.end[0] + 1])
        skip = set(IDENT.findall(unit.symbol.signature)) | demanded
        parent = unit.symbol.parent
        cls = find_symbol(path, text, parent) if parent else None
        cls_text = "\n".join(text.split("\n")[cls.start[0] : cls.end[0] + 1]) if cls is not None else ""
        near = {path} | self._imported_files(path)

        def known(name: str) -> str | None:
            last = name.rsplit(".", 1)[-1]
            # A plain word may name anything somewhere in the workspace; only a qualified or
            # compound name, or one defined nearby, is taken as a pointer to code.
            found = self.graph.find(name)
            if "." not in name and "_" not in last.strip("_") and not any(c.isupper() for c in last[1:]):
                found = [s for s in found if s.path in near]
            if found:
                sym = min(found, key=lambda s: (s.path != path, s.parent != parent))
                form = sym.qualname if sym.kind == "class" else call_form(sym)
                return f"`{form}`, {self.ws.relative(sym.path)}:{sym.start[0] + 1}"
            if cls is not None and re.search(rf"\b(?:self|this|cls)\.{re.escape(last)}\b", cls_text):
                return f"an attribute of `{cls.name}`"
            if re.search(rf"^{re.escape(last)}\s*(?::[^=\n]*)?=", text, re.M):
                return "defined at the top of this file"
            return None

        def excused(error: str, words: set[str]) -> bool:
            """An error nobody defines is not ours to demand; one a called function raises is raised."""
            builtin = getattr(builtins, error, None)
            if not (isinstance(builtin, type) and issubclass(builtin, BaseException)) and not any(
                s.kind == "class" for s in self.graph.find(error)
            ):
                return True
            throw = re.compile(rf"\b(?:raise|throw new|throw)\s+{re.escape(error)}\b")
            callees = [s for w in sorted(words) for s in self.graph.find(w) if s.kind in ("function", "method")]
            return any(throw.search(self._source_of(s)) for s in callees[:DOC_ERROR_CALLEES])

        doc = f"{strings_and_comments(unit.text, lang)}\n{unit.symbol.doc}"
        return doc_name_problems(doc, body, lang, skip, known, excused)

    def wants_example(self, path: str, unit: CodeUnit) -> bool:
        """A module-level function or a method of a module-level class, in Python, with no test
        command of the user's to judge it instead."""
        sym = unit.symbol
        return (
            self.settings.run_examples
            and not self.verifier.test_cmd
            and path.endswith(".py")
            and sym is not None
            and "." not in sym.parent
            and (sym.kind, bool(sym.parent)) in (("method", True), ("function", False))
            and bool(self.graph.file_modules.get(path))
        )

    async def check_example(
        self,
        path: str,
        candidate: str,
        unit: CodeUnit,
        messages: list[dict[str, Any]],
        state: ExampleState,
        chat: Chat,
        buffers: Mapping[str, str],
        note: Note,
    ) -> ExampleRun:
        """Run the unit's example script against the candidate, asking the model for it the first
        time (in the same conversation: a prefix the server has cached), and once to mend it when
        it fails on its own mistake before the new code could show anything."""
        assert unit.symbol is not None
        if not state.asked:
            state.asked = True
            module = next(iter(self.graph.file_modules.get(path, ())))
            ask = prompts.example_request(unit.symbol.qualname, module, unit.symbol.parent or unit.symbol.name)
            state.conversation = [*messages, {"role": "user", "content": ask}]
            state.script = await self._script_reply(unit, state, chat, note)
        if state.script is None:
            return ExampleRun(False)
        run = await self._run_example(path, candidate, unit, state.script, buffers, note)
        if run.missing_name:
            run = await self._with_import(path, candidate, unit, state, run, buffers, note)
        if run.script_error and not state.mended:
            state.mended = True
            state.conversation.append({"role": "user", "content": prompts.example_repair(run.script_error)})
            state.script = await self._script_reply(unit, state, chat, note)
            if state.script is None:
                return ExampleRun(False)
            run = await self._run_example(path, candidate, unit, state.script, buffers, note)
            if run.missing_name:
                # The mended script may have lost the import the harness gave the first one.
                run = await self._with_import(path, candidate, unit, state, run, buffers, note)
        return run

    async def rerun_example(
        self, path: str, candidate: str, unit: CodeUnit, state: ExampleState, buffers: Mapping[str, str], note: Note
    ) -> ExampleRun:
        """The example script already written for the unit, run against another candidate; the
        model is not asked again."""
        if state.script is None:
            return ExampleRun(False)
        return await self._run_example(path, candidate, unit, state.script, buffers, note)

    async def _script_reply(self, unit: CodeUnit, state: ExampleState, chat: Chat, note: Note) -> str | None:
        """The model's next script in the example conversation, screened; None when there is none
        fit to run."""
        assert unit.symbol is not None
        try:
            reply = await chat(state.conversation, f"{unit.label} example")
        except ModelError as exc:
            # The example is a bonus check: without one, the lint-clean answer stands as before.
            note("example_failed", unit=unit.label, error=str(exc))
            return None
        state.conversation.append({"role": "assistant", "content": reply})
        script = example_script(reply, unit.symbol.parent or unit.symbol.name, set(self.graph.modules))
        note("example", unit=unit.label, script=script, usable=script is not None)
        return script

    async def _run_example(
        self, path: str, candidate: str, unit: CodeUnit, script: str, buffers: Mapping[str, str], note: Note
    ) -> ExampleRun:
        """Run the script against the candidate in the sandbox; a crash counts only inside the new
        function and when the docstring does not promise that error. The values the script says it
        expects are compared with what it printed."""
        assert unit.symbol is not None
        sym = unit.symbol
        runnable, expectations = instrumented(script)
        shift = PRELUDE_LINES if expectations else 0
        code, output = await asyncio.to_thread(
            self.verifier.run_script, {path: candidate}, buffers, runnable, EXAMPLE_TIMEOUT
        )
        note("example_run", unit=unit.label, code=code, output=shown_output(output)[-2000:])
        crash = crash_in(output, path, sym.name, candidate) if code != 0 else None
        doc = f"{strings_and_comments(unit.text, 'python')}\n{sym.doc}"
        promised = documented_errors(doc)
        if code == 0 or (crash is not None and crash.error in promised):
            wrong = [
                dataclasses.replace(m, stated=stated_in(m.expectation.expected, doc))
                for m in misses(output, expectations)
            ]
            if wrong:
                note(
                    "example_misses",
                    unit=unit.label,
                    misses=[m.describe() for m in wrong],
                    stated=[m.stated for m in wrong],
                )
            return ExampleRun(True, misses=wrong, printed=printed(output, expectations))
        if crash is None:
            # The script's own mistake (a name it never imported, an argument it left out).
            root = self.ws.root_of(path) or self.ws.roots[0]
            own = crash_in(output, os.path.join(root, SCRIPT_NAME), "<module>", runnable)
            if own is None:
                return ExampleRun(False)
            own = dataclasses.replace(own, line=own.line - shift)
            missing = _NOT_DEFINED.match(own.message) if own.error == "NameError" else None
            return ExampleRun(False, script_error=own.describe(), missing_name=missing and missing.group(1))
        said = f"an {EXAMPLE} of `{sym.name}` crashed in it: {crash.describe()}"
        return ExampleRun(False, f"{said}\n```python\n{script.strip()}\n```")

    async def _with_import(
        self,
        path: str,
        candidate: str,
        unit: CodeUnit,
        state: ExampleState,
        run: ExampleRun,
        buffers: Mapping[str, str],
        note: Note,
    ) -> ExampleRun:
        """The script run again with the import it lacked (`Network`, `dt`), found the way the
        target file imports it or where the workspace defines it: a small model asked to mend
        its script mostly sends the same script back."""
        assert state.script is not None
        added: list[str] = []
        while run.missing_name and len(added) < MAX_SCRIPT_IMPORTS:
            line = self._import_for(run.missing_name, path)
            if line is None or line in added:
                break
            script = f"{line}\n{state.script}"
            if not screened(script, set(self.graph.modules)):
                break
            added.append(line)
            state.script = script
            run = await self._run_example(path, candidate, unit, script, buffers, note)
        if added:
            note("example_imports", unit=unit.label, added=added)
        return run

    def _import_for(self, name: str, path: str) -> str | None:
        """An import statement that binds `name` for a script at the workspace's top."""
        fi = self.graph.files.get(path)
        for imp in fi.imports if fi is not None else []:
            if imp.alias != name:
                continue
            module = self.graph.resolver.python_module(path, imp.module) or imp.module
            if module.startswith("."):
                return None
            if imp.name is None:
                return f"import {module}" + (f" as {name}" if name != module else "")
            return f"from {module} import {imp.name}" + (f" as {name}" if name != imp.name else "")
        defined, home = defining_module(self.graph, name)
        if home is not None:
            return f"from {home} import {name}"
        if not defined and len(homes := stdlib_homes(name)) == 1:
            return f"from {homes[0]} import {name}"
        return None

    def _imported_files(self, path: str) -> set[str]:
        """The workspace files a Python file imports anything from."""
        fi = self.graph.files.get(path)
        if fi is None or not path.endswith(".py"):
            return set()
        modules = (self.graph.resolver.python_module(path, imp.module) for imp in fi.imports)
        return {p for m in modules if m is not None for p in self.graph.modules.get(m, ())}

    def _source_of(self, sym: Symbol) -> str:
        try:
            src = self.ws.read(sym.path)
        except WorkspaceError:
            return ""
        return src.encode("utf-8")[sym.start_byte : sym.end_byte].decode("utf-8", "replace")
