"""The harness: localize, build a budgeted prompt, generate one unit, verify, improve, decompose, escalate.

The model is asked for one small thing at a time (the full new text of one
unit) and every answer is checked on a sandbox before anyone sees it. The
engine never writes the user's files: it returns verified changes, and the
CLI or the server applies them.
"""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import os
import re
import tempfile
import textwrap
import time
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..config import Settings
from ..graph.retrieval import relevant
from ..graph.store import CodeGraph
from ..model.errors import BudgetExceeded, EscalationUnavailable, ModelError
from ..model.messages import ChatResult
from ..model.routing import Router
from ..model.tokens import Budget, estimate_tokens
from ..workspace import Workspace, WorkspaceError
from . import prompts
from .ask_facts import AskFacts, drop_sentences_with
from .edit_targets import EditTargets
from .expectations import Miss, unlike_pattern
from .families import NameFamilies
from .harness_fixes import UNDEFINED, HarnessFixes
from .line_choice import code_lines, line_question, picked_line
from .linked_tests import LinkedTests
from .localize import FailureLocator
from .mutant_repairs import MutantRepairs
from .name_choice import clear_winner, lines_using, picked, replaced, wanted_kinds
from .name_choice import question as name_question
from .name_hints import NameHints
from .refactors import RefactorRefused, Refactors
from .related_code import RelatedCode
from .rename import RenameRequest, defines, parse_rename, rename_in_text, same_family
from .replies import add_imports, defines_name, parse_edit
from .spectrum import Spectrum, read_spectrum
from .stale_handlers import raised_names, stale_handlers
from .stub_checks import EXAMPLE, ExampleRun, ExampleState, ExpectedValues, StubChecks
from .tasks import Diagnostic, Outcome, Task
from .test_failures import failure_excerpt
from .test_imports import added_test_imports
from .trace import Trace
from .type_check import TypeChecks, describe, member_hint, raises
from .units import (
    CodeUnit,
    find_symbol,
    is_stub,
    replace_unit,
    signature_head,
    spec_for,
    stub_head,
    stubs_in,
    symbols_of,
    unit_at_line,
    unit_for_symbol,
)
from .unpack_repair import unpacked_class
from .verify import Problem, Report, Verifier, fatal_problems

Progress = Callable[[str], None]
NARROW_RADIUS = 8
# The line-choice decomposition: functions with fewer code lines are not worth the question.
LINE_CHOICE_MIN = 3
LINE_CHOICE_RADIUS = 1  # lines either side of the picked one that the model rewrites
NEW_METHOD_CLASS_LINES = 80
REPAIR_TIMEOUT_FACTOR = 5
MAX_TYPE_REPAIRS = 3  # units outside an edit that it broke by the annotations, fixed by the model
EDIT_TEST_ROUNDS = 2  # repairs of an edit whose whole change fails the tests
REPAIR_TIMEOUT_MIN = 5.0  # seconds
ECHO_TEMPERATURE = 0.7
_NO_ATTRIBUTE = re.compile(r'^"(\w+)" has no attribute "')


@dataclass
class _Attempt:
    """The best candidate so far for one unit."""

    text: str | None = None  # the whole file with the candidate in
    problems: list[str] = field(default_factory=list)
    score: int = 1 << 30


@dataclass
class _UnitResult:
    ok: bool
    file_text: str
    problems: list[str] = field(default_factory=list)
    best: str | None = None


@dataclass
class _UnitJob:
    """One unit's rounds: what stays the same from one round to the next."""

    path: str
    text: str
    unit: CodeUnit
    mode: str
    lang: str
    tests: list[str]
    targets: Counter[tuple[str, str, str]]  # the lint problems the unit was asked to fix


@dataclass
class _Rounds:
    """What one unit's rounds carry from one to the next."""

    messages: list[dict[str, Any]]
    prefill: str | None
    give_up_after: int  # failed rounds
    best: _Attempt = field(default_factory=_Attempt)
    seen: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    failed: int = 0
    last_failed: str | None = None  # the last failed answer
    echoed: bool = False  # the next answer is sampled: greedy decoding would repeat the last
    # Names the docstring points at are asked for once each; a candidate that only lacks them
    # stands if the later rounds do no better.
    demanded: set[str] = field(default_factory=set)
    declined: str | None = None
    declined_why: dict[str, str] = field(default_factory=dict)
    types_asked: bool = False
    sampled: bool = False  # other answers sampled once, when the example printed unexpected values
    names_resampled: bool = False  # one sampled round more when an answer asked for a new name came back unchanged
    example: ExampleState = field(default_factory=ExampleState)  # asked for after the first lint-clean answer
    expected: ExpectedValues = field(default_factory=ExpectedValues)  # printed against expected, across rounds


@dataclass
class _Answer:
    """One round's answer, checked."""

    candidate: str  # the whole file with the answer in
    report: Report
    left: list[str]  # what the checks beyond the verifier still ask for
    ok: bool
    sample_next: bool = False


class Engine:
    def __init__(
        self,
        workspace: Workspace,
        graph: CodeGraph,
        router: Router,
        settings: Settings,
        *,
        progress: Progress | None = None,
        escalation: bool = True,
        max_rounds: int | None = None,
        test_cmd: str | None = None,
        answer_sink: Callable[[str], None] | None = None,
    ) -> None:
        self.ws = workspace
        self.answer_sink = answer_sink  # gets an answer's whole text so far, while it streams
        self.graph = graph
        self.router = router
        self.settings = settings
        self.progress = progress or (lambda message: None)
        self.escalation = escalation
        self.max_rounds = max_rounds or settings.agent.max_rounds
        self.verifier = Verifier(workspace, settings.agent, test_cmd)
        self.stub_checks = StubChecks(workspace, graph, self.verifier, settings.agent)
        self.outcome = Outcome("failed")
        self._started = time.monotonic()
        self._pending: dict[str, str] = {}  # verified edits of this task in other files
        self._instruction = ""
        self._rewritten_tests: set[str] = set()  # tests an edit rewrites: they judge only its whole change
        self._dropped_raises: dict[str, set[str]] = {}  # function -> exceptions this edit stopped raising
        # Classes whose units an edit has still to visit: their missing attributes may come then.
        self._classes_ahead: set[str] = set()
        self._types_deferred: set[tuple[str, str]] = set()  # units whose such errors wait for the end
        self._new_names: list[str] = []  # names the instruction brings in, asked of the named symbol's unit
        self._stale_asked: set[tuple[str, str]] = set()
        self.trace = Trace(None, "run")
        self._repair_timeout: float | None = None  # per test run of a harness repair
        self.locator = FailureLocator(workspace, graph)
        self.refactors = Refactors(workspace, graph)
        self.targets = EditTargets(workspace, graph)
        self.families = NameFamilies(workspace, graph)
        self.hints = NameHints(workspace, graph)
        self.context = RelatedCode(workspace, graph)
        self.linked = LinkedTests(workspace, graph, settings.agent)
        self.types = TypeChecks(self.verifier, graph, settings.index.cache_dir)
        self.fixes = HarnessFixes(workspace, graph, self._fatal, self._note, settings.agent.lint_timeout)
        self.repairs = MutantRepairs(
            self.families, self._repair_passes, lambda summary: self.outcome.units.append(summary)
        )

    # -- entry point ---------------------------------------------------------------

    async def run(self, task: Task) -> Outcome:
        self._started = time.monotonic()
        self.outcome = Outcome("failed")
        self._pending = {}
        self._rewritten_tests = set()
        self._dropped_raises = {}
        self._classes_ahead, self._types_deferred, self._new_names = set(), set(), []
        self._stale_asked = set()
        self._instruction = task.instruction
        self.examples_ran: set[str] = set()  # units whose example call ran without error
        self.caveats: list[str] = []  # what a verified answer is still known to get wrong
        self.trace = Trace(self.ws.roots[0], task.kind)
        self.trace.event("task", **{k: v for k, v in vars(task).items() if k != "diagnostics"})
        handler = {
            "fix": self._fix,
            "implement": self._implement,
            "edit": self._edit,
            "ask": self._ask,
            "make-tests-pass": self._make_tests_pass,
        }[task.kind]
        try:
            await handler(task)
        except (ModelError, WorkspaceError) as exc:
            self.outcome.status = "failed"
            self.outcome.message = str(exc)
        return self._finished()

    def stopped(self, message: str) -> Outcome:
        """The outcome of a run cancelled from outside (a time limit): failed, with how far it got
        (rounds, tokens, the units tried), and no changes, since nothing was verified as a whole."""
        self.outcome.status = "failed"
        self.outcome.message = message
        self.outcome.changes = {}
        return self._finished()

    def _finished(self) -> Outcome:
        self.outcome.seconds = round(time.monotonic() - self._started, 3)
        self.outcome.escalations = len(self.router.records)
        self.outcome.trace = str(self.trace.path) if self.trace.path else None
        self.trace.event(
            "outcome", **{k: v for k, v in self.outcome.as_dict().items() if k not in ("answer",)}, answer=None
        )
        return self.outcome

    # -- fix -----------------------------------------------------------------------

    async def _fix(self, task: Task) -> None:
        path = self._path(task)
        text = self.ws.read(path)
        self.progress("finding code")
        if task.diagnostics:
            problems = [Problem(path, d.line, d.col, d.message, d.code, d.source or "editor") for d in task.diagnostics]
        else:
            problems = await self._fatal(path, text)
            if task.line is not None:
                near = [p for p in problems if abs(p.line - task.line) <= 2]
                problems = near or problems
        if not problems and task.instruction:
            # Not a lint error: the user's words (a failing test, a wrong result) are the problem.
            line = task.line if task.line is not None else 0
            problems = [Problem(path, line, 0, task.instruction, "", "editor")]
            self.outcome.before[path] = text
            repaired = await self._repair_without_model(path, text, unit_at_line(path, text, line))
            if repaired is not None:
                await self._finish({path: repaired}, [])
                return
        if not problems:
            self.outcome.status = "nothing-to-do"
            self.outcome.message = f"{self.ws.relative(path)}: no fatal problems found (syntax, undefined names)"
            return
        self.outcome.before[path] = text
        text, problems = await self.fixes.before_model(path, text, problems)
        groups: dict[tuple[int, int], tuple[CodeUnit, list[Problem]]] = {}
        for problem in problems:
            unit = unit_at_line(path, text, problem.line)
            groups.setdefault((unit.start_line, unit.end_line), (unit, []))[1].append(problem)
        # Bottom-up, so line numbers of the units still to do do not move.
        work = [group for _, group in sorted(groups.items(), reverse=True)]
        current, failed = await self._solve_each(path, text, work, "fix")
        before = self.outcome.before[path]
        await self._finish({path: current} if current != before else {}, failed)

    async def _solve_each(
        self, path: str, text: str, work: list[tuple[CodeUnit, list[Problem]]], mode: str
    ) -> tuple[str, list[str]]:
        """Solve units one after the other in one file; a failed unit keeps its best attempt aside."""
        current = text
        failed: list[str] = []
        for unit, problems in work:
            unit = _reanchor(path, current, unit)
            result = await self._solve(path, current, unit, mode, problems=problems)
            self.outcome.units.append(f"{unit.label}: {'verified' if result.ok else 'no verified fix'}")
            if result.ok:
                current = result.file_text
            else:
                failed += result.problems
                if result.best:
                    self.outcome.best_attempt[path] = result.best
        return current, failed

    # -- implement -------------------------------------------------------------------

    async def _implement(self, task: Task) -> None:
        path = self._path(task)
        text = self.ws.read(path)
        self.progress("finding code")
        if task.symbol:
            sym = find_symbol(path, text, task.symbol)
            if sym is None:
                raise WorkspaceError(f"no symbol {task.symbol!r} in {self.ws.relative(path)}")
            units = [unit_for_symbol(path, text, sym)]
        else:
            units = stubs_in(path, text)
            if task.line is not None:
                units = [u for u in units if u.start_line <= task.line <= u.end_line] or units
        if not units:
            self.outcome.status = "nothing-to-do"
            self.outcome.message = f"{self.ws.relative(path)}: no stub to implement"
            return
        self.outcome.before[path] = text
        ordered = sorted(units, key=lambda u: u.start_line, reverse=True)
        work: list[tuple[CodeUnit, list[Problem]]] = [(u, []) for u in ordered]
        current, failed = await self._solve_each(path, text, work, "implement")
        await self._finish({path: current} if current != text else {}, failed)

    # -- edit ------------------------------------------------------------------------

    async def _edit(self, task: Task) -> None:
        """An instruction on a scope: the named symbol (then its callers), a selection, or each file."""
        self.progress("finding code")
        request = parse_rename(task.instruction)
        if request is not None and await self._rename(request):
            return
        if await self._refactor(task.instruction):
            return
        targets = self.targets.for_task(task)
        if not targets:
            raise WorkspaceError("nothing to edit: give --file, --symbol or a selection")
        texts: dict[str, str] = {}
        failed: list[str] = []
        done_notes: list[str] = []
        # When the instruction says the tests change too, a test the edit rewrites checks the old
        # behaviour until then: it judges the whole change at the end, not the units before it.
        # Otherwise the tests stand as they are, and judge each unit.
        if re.search(r"\btests?\b", task.instruction, re.I):
            self._rewritten_tests = {
                self.linked.node_id(path, unit.symbol.qualname)
                for path, unit in targets
                if unit.symbol is not None and self.graph.is_test_file(path)
            }
        for number, (path, unit) in enumerate(targets):
            current = texts.get(path) or (self.ws.read(path) if os.path.exists(path) else "")
            self.outcome.before.setdefault(path, current)
            unit = _reanchor(path, current, unit)
            note = "\n".join(done_notes[-3:])
            self._classes_ahead = {
                later.symbol.parent.rsplit(".", 1)[-1]
                for _, later in targets[number + 1 :]
                if later.symbol is not None and later.symbol.parent
            }
            self._new_names = self.targets.new_names(task.instruction, unit.text) if number == 0 else []
            result = await self._solve(path, current, unit, "edit", instruction=task.instruction, note=note)
            self.outcome.units.append(f"{unit.label}: {'verified' if result.ok else 'no verified fix'}")
            if result.ok:
                if result.file_text != current:
                    new_unit = _reanchor(path, result.file_text, unit)
                    done_notes.append(f"Already changed for this task, {unit.label} is now:\n{new_unit.text}")
                    if unit.symbol is not None and path.endswith(".py"):
                        gone = raised_names(unit.text) - raised_names(new_unit.text)
                        if gone:
                            self._dropped_raises.setdefault(unit.symbol.name, set()).update(gone)
                texts[path] = result.file_text
                self._pending[path] = result.file_text
            else:
                failed += result.problems
        self._classes_ahead, self._new_names = set(), []
        if not failed:
            await self._after_edit_types(texts, targets)
        changes = {p: t for p, t in texts.items() if t != self.outcome.before[p]}
        checked = None
        if changes and not failed:
            checked, failed = await self._after_edit_tests(texts, changes)
            changes = {p: t for p, t in texts.items() if t != self.outcome.before.get(p)}
        await self._finish(changes, failed, checked)

    async def _after_edit_types(self, texts: dict[str, str], targets: list[tuple[str, CodeUnit]]) -> None:
        """Code the edit did not visit that its change broke by the annotations (`self.opening =
        [Slot(s, e) for s, e in parse_slot_list(hours)]` once `parse_slot_list` returns Slots):
        mypy over the changed files and the callers' files, against the workspace before the task;
        each unit with a new error is fixed like a diagnostic, at most MAX_TYPE_REPAIRS of them.
        A unit the model cannot fix stays as it is: the tests still decide."""
        if not self.settings.agent.type_check:
            return
        visited = {(path, unit.name) for path, unit in targets} - self._types_deferred
        files = {p for p, t in texts.items() if t != self.outcome.before.get(p)}
        for path, unit in targets:
            if unit.symbol is not None:
                sid = unit.symbol.id or f"{path}::{unit.symbol.qualname}"
                files.update(s.symbol.path for s in self.graph.callers(sid) if s.symbol is not None)
        broken: dict[tuple[str, str], tuple[CodeUnit, list[Problem]]] = {}
        for path in sorted(f for f in files if self.types.wanted(f) and os.path.isfile(f)):
            current = texts.get(path) or self.ws.read(path)
            original = self.outcome.before.get(path, current)
            others = (self._buffers({}), self._others(path))  # every verified unit is pending by now
            for problem in await self.types.new_errors(path, original, current, others):
                unit = unit_at_line(path, current, problem.line)
                if (path, unit.name) not in visited:
                    broken.setdefault((path, unit.name), (unit, []))[1].append(problem)
        # The related code shown comes from the graph, as the workspace was: say what changed.
        changed: dict[str, str] = {}
        for path, unit in targets:
            if unit.symbol is not None and path in texts:
                now = _reanchor(path, texts[path], unit).text
                if now != unit.text:
                    changed[unit.symbol.name] = " ".join(now.strip().split("\n")[0].split())
        for (path, _), (unit, problems) in list(broken.items())[:MAX_TYPE_REPAIRS]:
            current = texts.get(path) or self.ws.read(path)
            self.outcome.before.setdefault(path, current)
            found_at, unit = unit.start_line, _reanchor(path, current, unit)
            # An earlier repair in the same file may have moved the unit.
            problems = [dataclasses.replace(p, line=p.line + unit.start_line - found_at) for p in problems]
            repaired = await self._unpacking_read_by_attributes(path, current, unit, problems)
            if repaired is not None:
                texts[path] = self._pending[path] = repaired
                self.outcome.units.append(f"{unit.label}: a type error the edit caused, fixed by the harness")
                continue
            heads = [f"`{head}`" for name, head in changed.items() if re.search(rf"\b{re.escape(name)}\b", unit.text)]
            after = " (this task changed " + ", ".join(heads[:3]) + ")" if heads else ""
            problems = [
                dataclasses.replace(p, message=p.message + after + member_hint(p.message, self.types.members))
                for p in problems
            ]
            self.trace.event("edit_type_errors", unit=unit.label, errors=[p.message for p in problems])
            result = await self._solve(path, current, unit, "fix", problems=problems)
            said = "fixed" if result.ok else "not fixed"
            self.outcome.units.append(f"{unit.label}: a type error the edit caused, {said}")
            if result.ok:
                texts[path] = self._pending[path] = result.file_text

    async def _unpacking_read_by_attributes(
        self, path: str, current: str, unit: CodeUnit, problems: list[Problem]
    ) -> str | None:
        """`current` with the unit's tuples unpacked from objects read by attribute instead, when
        that leaves the unit no new type error and the file no new lint error; else None."""
        repaired = self.types.read_by_attributes(current, problems)
        if repaired is None:
            return None
        moved = _reanchor(path, repaired, unit)
        original = self.outcome.before.get(path, current)
        others = (self._buffers({}), self._others(path))
        lines = range(moved.start_line, moved.end_line + 1)
        left = await self.types.new_errors(path, original, repaired, others, lines)
        lints = len(await self._fatal(path, repaired)) <= len(await self._fatal(path, current))
        self.trace.event("harness_unpack", unit=unit.label, ok=lints and not left, left=[p.message for p in left])
        return repaired if lints and not left else None

    async def _read_by_attributes(
        self, path: str, text: str, candidate: str, found: list[Problem], tests: list[str], unit: CodeUnit
    ) -> tuple[str, Report] | None:
        """An answer whose type errors are all tuples unpacked from objects whose attributes have
        the unpacked names, with the harness reading the attributes instead, and its check; None
        unless that answer then verifies and adds no type error."""
        if any(unpacked_class(p.message) is None for p in found):
            return None
        repaired = self.types.read_by_attributes(candidate, found)
        if repaired is None:
            return None
        report = await self._check({path: repaired}, {path: text}, tests, self._others(path))
        left = await self._type_errors(path, text, repaired, unit)
        self.trace.event("harness_unpack", unit=unit.label, ok=report.ok and not left, left=[p.message for p in left])
        if not report.ok or left:
            return None
        self.outcome.units.append(f"{unit.label}: tuples unpacked from objects read by attribute by the harness")
        return repaired, report

    async def _after_edit_tests(
        self, texts: dict[str, str], changes: dict[str, str]
    ) -> tuple[Report | None, list[str]]:
        """An edit's units verify one at a time, by lint: the tests can only run on the whole
        change. When they then fail, where they fail is fixed like in make-tests-pass (a unit the
        edit changed, or one it broke), in `texts`. The check of `changes` when it passed as they
        are (no need to run it again), and what is left when the repairs do not work."""
        linked = self.linked.of_changes(changes)
        report = await self._check(changes, self.outcome.before, linked, self._buffers({}))
        if report.ok:
            return report, []
        if not report.stages or report.stages[-1][0] == "lint":
            return None, []  # a lint failure: the final check reports it as it is
        self.trace.event("edit_tests_failed", summary=report.summary())
        self.outcome.units.append("the tests failed on the whole edit: repairing where they fail")
        passed, failed = await self._until_tests_pass(texts, self.outcome.before, linked, EDIT_TEST_ROUNDS)
        return None, [] if passed else failed

    async def _rename(self, request: RenameRequest) -> bool:
        """Rename a symbol defined exactly once in the workspace, in every file of its language
        family, with no model call. False (and nothing changed) when the rename is not that simple:
        the model path then takes the instruction as any other edit."""
        defined = [s for s in self.graph.find(request.old) if s.name == request.old]
        why = ""
        if len(defined) != 1:
            why = f"`{request.old}` is defined {len(defined)} times in the workspace"
        elif request.old in dir(__builtins__):
            why = f"`{request.old}` is a builtin name"
        if why:
            self.trace.event("rename_by_model", reason=why)
            return False
        home = defined[0].path
        with self.graph.lock:
            paths = sorted(p for p in self.graph.files if same_family(p, home))
        changes: dict[str, str] = {}
        places = 0
        for path in paths:
            text = self.ws.read(path)
            if defines(path, text, request.new):
                self.trace.event("rename_by_model", reason=f"`{request.new}` is already used in {path}")
                return False
            renamed, count = rename_in_text(path, text, request.old, request.new)
            if count:
                changes[path] = renamed
                self.outcome.before[path] = text
                places += count
        if not changes:
            return False
        self.progress(f"renamed in {len(changes)} file(s)")
        self.trace.event("harness_rename", old=request.old, new=request.new, files=sorted(changes), places=places)
        self.outcome.units.append(
            f"`{request.old}` renamed to `{request.new}` by the harness: {places} place(s) in {len(changes)} file(s)"
        )
        await self._finish(changes, [])
        return True

    async def _refactor(self, instruction: str) -> bool:
        """A move, a method made a property or a parameter renamed, done by the harness with no
        model call when the instruction asks for one. False (and nothing changed) when it asks for
        none, or when the change needs judgement: the model path then takes the instruction."""
        try:
            found = self.refactors.plan(instruction)
        except (RefactorRefused, WorkspaceError) as exc:
            self.trace.event("refactor_by_model", reason=str(exc))
            return False
        if found is None:
            return False
        kind, (texts, changes, summary) = found
        for path in changes:
            self.outcome.before[path] = texts.get(path, "")
        self.progress(f"{summary}: {len(changes)} file(s)")
        self.trace.event("harness_refactor", kind=kind, files=sorted(changes))
        self.outcome.units.append(f"{summary}; {len(changes)} file(s) changed")
        await self._finish(changes, [])
        return True

    # -- make tests pass ---------------------------------------------------------------

    async def _make_tests_pass(self, task: Task) -> None:
        command = task.test_cmd or self.verifier.test_cmd
        if not command:
            raise WorkspaceError("make-tests-pass needs a test command (--test-cmd or agent.test_cmd)")
        self.verifier.test_cmd = command
        texts: dict[str, str] = {}
        passed, failed = await self._until_tests_pass(texts, {}, [], self.max_rounds)
        if passed:
            self.outcome.message = "the tests pass"
        changes = {p: t for p, t in texts.items() if t != self.outcome.before.get(p)}
        await self._finish(changes, failed)

    async def _until_tests_pass(
        self, texts: dict[str, str], before: dict[str, str], linked: list[str], rounds: int
    ) -> tuple[bool, list[str]]:
        """Run the tests (the test command, and `linked` test files) on `texts` (path -> new text,
        updated in place) and, while they fail, repair the code the failure points at: the
        harness's own repairs first, then the model. Whether the tests passed, and what is left."""
        failed: list[str] = []
        for round_number in range(1, rounds + 1):
            self.progress(f"running the tests (round {round_number})")
            report = await self._check(texts, before, linked, self._buffers(texts))
            self.trace.event("tests", round=round_number, ok=report.ok, summary=report.summary())
            self._note_test_seconds(report)
            if report.ok:
                return True, []
            spectrum = None
            if self.locator.wrong_result(report.test_output):
                spectrum = await self._spectrum(texts, self.locator.failing_test_files(report.test_output))
            located = self.locator.suspects(report.test_output, spectrum)
            if not located:
                return False, [f"could not find the failing code in the test output:\n{report.test_output[-800:]}"]
            # The likeliest place first; when the model cannot fix it there, the next ones.
            suspects: list[tuple[str, int, CodeUnit]] = []
            for path, line in located:
                current = texts.get(path) or self.ws.read(path)
                unit = unit_at_line(path, current, line)
                if len(suspects) < 3 and all((path, unit.start_line) != (p, u.start_line) for p, _, u in suspects):
                    suspects.append((path, line, unit))
            # The harness's own repairs, each in every suspect: the tests decide, no model call needed.
            repaired = False
            for repair in self.repairs.in_order:
                for path, _, unit in suspects:
                    current = texts.get(path) or self.ws.read(path)
                    self.outcome.before.setdefault(path, current)
                    fixed = await repair(path, current, unit, texts, linked)
                    if fixed is not None:
                        texts[path], failed, repaired = fixed, [], True
                        break
                if repaired:
                    break
            if repaired:
                continue
            for path, line, unit in suspects:
                current = texts.get(path) or self.ws.read(path)
                self.outcome.before.setdefault(path, current)
                excerpt = failure_excerpt(report.test_output, self._workspace_file)
                failure = Problem(path, line, 0, "a test fails here:\n" + excerpt, "", "tests")
                result = await self._solve(path, current, unit, "fix", problems=[failure], skip_tests=True)
                if result.ok:
                    texts[path] = result.file_text
                    failed = []
                    break
                failed = result.problems
            if failed:
                return False, failed
        return False, failed or ["the tests still fail after the last round"]

    async def _repair_without_model(self, path: str, text: str, unit: CodeUnit) -> str | None:
        """For a wrong result in the user's words: when tests check the unit (the linked ones, the
        test command) and fail now, try the harness's own repairs before the model."""
        tests = self.linked.of_unit(path, unit)
        if not tests and unit.symbol is not None:
            # A helper the tests reach through its callers (`count` calls `expire`).
            for site in self.graph.callers(unit.symbol.id or f"{path}::{unit.symbol.qualname}"):
                if site.symbol is not None:
                    tests += self.linked.of_symbol(site.symbol.path, site.symbol)
            tests = sorted(set(tests))[:20]
        if not tests and not self.verifier.test_cmd:
            return None
        now = await self._check({path: text}, {path: text}, tests, self._buffers({}))
        self._note_test_seconds(now)
        if now.ok:
            return None  # nothing fails: no test can tell a repair from a new bug
        for repair in self.repairs.in_order:
            repaired = await repair(path, text, unit, {}, tests)
            if repaired is not None:
                return repaired
        return None

    async def _spectrum(self, texts: dict[str, str], test_files: list[str]) -> Spectrum | None:
        """Which functions the failing tests run and the passing ones do not: the test command once
        more, traced, on the test files that fail (pytest only; anything else gives None)."""
        self.progress("tracing the tests")
        with tempfile.TemporaryDirectory(prefix="smallcode-trace-") as trace_dir:
            buffers = self._buffers(texts)
            await asyncio.to_thread(self.verifier.traced_test_command, texts, buffers, trace_dir, test_files)
            spectrum = read_spectrum(trace_dir, self.ws.roots[0])
        if spectrum is not None:
            top = [f"{self.ws.relative(r.path)}::{r.qualname} {spectrum.score(r):.2f}" for r in spectrum.ranked()[:5]]
            self.trace.event("spectrum", failing=spectrum.failing, passing=spectrum.passing, top=top)
        return spectrum

    # -- ask -------------------------------------------------------------------------

    async def _ask(self, task: Task) -> None:
        self.progress("finding code")
        client = await self.router.local()
        window = await client.context_window()
        budget = Budget(window, client.settings.max_output_tokens)
        budget.add("system", prompts.SYSTEM_ASK, required=True)
        budget.add("task", prompts.ask_task(task.instruction), required=True)
        seeds: list[str] | str = task.instruction
        if task.symbol:
            seeds = [s.id for s in self.graph.find(task.symbol)] or task.instruction
        elif task.path and task.line is not None:
            sym = self.graph.symbol_at(self.ws.resolve(task.path), task.line, 0)
            if sym is not None:
                seeds = [sym.id]
        seed_ids = seeds if isinstance(seeds, list) else []
        asked = AskFacts(self.graph, self.ws)
        call_graph = asked.call_graph(seed_ids, task.instruction)
        facts = asked.graph_facts(call_graph, seed_ids)
        if facts and not budget.add("task", facts, borrow=True):
            facts = ""
        ctx = relevant(
            self.graph, seeds, budget.free("related", borrow=True), estimate_tokens, read=self.context.read_bytes
        )
        units = [self.context.relative_header(u.text) for u in ctx.units]
        budget.fit("related", units, borrow=True)
        self.trace.event("context", units=[u.symbol.id for u in ctx.units], dropped=len(ctx.dropped))
        if not units:
            self.outcome.status = "answered"
            self.outcome.answer = "I found no code in this workspace that matches the question."
            return
        code = "Code from the workspace:\n\n" + budget.text("related")
        if facts:
            code += "\n\n" + facts
        messages = [
            {"role": "system", "content": prompts.SYSTEM_ASK},
            {"role": "user", "content": f"{code}\n\n{prompts.ask_task(task.instruction)}"},
        ]
        self.progress("generating the answer")
        result = await self._chat(messages, stage="answer", stream_answer=True)
        answer = result.content.strip()
        invented = asked.invented_names(answer, code)
        if invented:
            self.trace.event("invented_names", names=sorted(invented))
            messages += [
                {"role": "assistant", "content": answer},
                {
                    "role": "user",
                    "content": "These names do not exist in the code shown: "
                    + ", ".join(f"`{n}`" for n in sorted(invented))
                    + ". Answer again using only names from the code shown.",
                },
            ]
            result = await self._chat(messages, stage="answer again", stream_answer=True)
            answer = result.content.strip()
            invented = asked.invented_names(answer, code)
            if invented:
                answer = drop_sentences_with(answer, invented)
        # Judged as the reader gets it: the harness's locations may name what the model only cited.
        located = asked.with_locations(answer)
        left = asked.left_out(located, call_graph, seed_ids, task.instruction)
        if left and (added := await self._ask_left_out(messages, answer, left, asked, code)):
            located = asked.with_locations(answer + added)
        refs = [f"- {self.ws.relative(u.symbol.path)}:{u.symbol.start[0] + 1} {u.symbol.qualname}" for u in ctx.units]
        self.outcome.status = "answered"
        consulted = "\n\nCode consulted:\n" + "\n".join(refs[:12])
        self.outcome.answer = located + asked.call_graph_section(call_graph) + consulted

    async def _ask_left_out(
        self, messages: list[dict[str, Any]], answer: str, left: list[tuple[str, str]], asked: AskFacts, code: str
    ) -> str:
        """Sentences on what the answer left out of the facts, to add under it ("" when the model
        has none, or only invented names)."""
        self.trace.event("ask_left_out", names=[name for name, _ in left])
        ask = [
            *messages[:2],
            {"role": "assistant", "content": answer},
            {"role": "user", "content": prompts.ask_left_out(left)},
        ]
        try:
            reply = await self._chat(ask, stage="answer left out", stream_answer=True, stream_prefix=answer + "\n\n")
        except ModelError as exc:
            self.trace.event("ask_left_out_failed", error=str(exc))  # the answer stands as it was
            return ""
        added = reply.content.strip()
        invented = asked.invented_names(added, code)
        if invented:
            added = drop_sentences_with(added, invented, empty="")
        return "\n\n" + added if added else ""

    def _workspace_file(self, path: str) -> tuple[str, str] | None:
        """(relative name, text) of a file a test run names, if it is in the workspace (the verifier
        already maps sandbox paths in the output back to the workspace's)."""
        try:
            real = self.ws.resolve(path)
            return (self.ws.relative(real), self.ws.read(real)) if os.path.isfile(real) else None
        except (WorkspaceError, OSError, UnicodeDecodeError):
            return None

    # -- one unit: generate, verify, improve, decompose, escalate -----------------------

    async def _solve(
        self,
        path: str,
        text: str,
        unit: CodeUnit,
        mode: str,
        *,
        problems: list[Problem] | None = None,
        instruction: str = "",
        note: str = "",
        depth: int = 0,
        skip_tests: bool = False,
    ) -> _UnitResult:
        """One unit through the rounds: prompt, parse, verify, feed the problems back; then
        decomposition and escalation."""
        spec = spec_for(path)
        if spec is None:
            return _UnitResult(False, text, [f"{self.ws.relative(path)}: unsupported language"])
        problems = problems or []
        tests = [] if skip_tests else [t for t in self.linked.of_unit(path, unit) if t not in self._rewritten_tests]
        if unit.kind == "file" and self.graph.is_test_file(path) and path.endswith(".py") and not skip_tests:
            tests = [self.ws.relative(path)]  # a new test file must pass
        targets = Counter(p.key for p in problems if p.source not in ("editor", "tests"))
        client = await self.router.local()
        window = await client.context_window()
        budget = Budget(window, client.settings.max_output_tokens)
        try:
            messages, prefill = self._first_prompt(
                path, text, unit, mode, problems, instruction, note, budget, spec.name
            )
        except BudgetExceeded:
            narrower = unit.narrower(problems[0].line if problems else unit.start_line, NARROW_RADIUS)
            if narrower is None or depth > 2:
                raise
            self.outcome.decompositions += 1
            self.trace.event("decompose", how="narrower window (budget)", unit=unit.label, to=narrower.label)
            return await self._solve(
                path, text, narrower, mode, problems=problems, instruction=instruction, depth=depth + 1
            )
        job = _UnitJob(path, text, unit, mode, spec.name, tests, targets)
        # Two failed rounds, then decomposition takes over; a stub has nothing to decompose into,
        # so it keeps every round.
        rounds = _Rounds(messages, prefill, self.max_rounds if mode == "implement" else 2)
        for round_number in range(1, self.max_rounds + 1):
            self.outcome.rounds += 1
            self.progress(f"generating round {round_number} for {unit.label}")
            rounds.messages = _fit_history(rounds.messages, budget.room)
            # After a reply that changed nothing (or left a stub a stub), greedy decoding would likely
            # repeat it: sample instead.
            temperature = ECHO_TEMPERATURE if rounds.echoed else None
            reply = await self._chat(
                rounds.messages, stage=f"{unit.label} round {round_number}", temperature=temperature, prefill=prefill
            )
            rounds.messages.append({"role": "assistant", "content": reply.content})
            edit_unit = _reply_scope(path, text, unit, reply.content)
            edit = parse_edit(reply.content, edit_unit, text, spec)
            if edit is None:
                rounds.failed += 1
                self.trace.event("parse_failed", unit=unit.label, reply=reply.content[:2000])
                rounds.messages.append({"role": "user", "content": prompts.NO_CODE})
            else:
                answer = await self._checked_answer(job, rounds, edit_unit, edit, round_number)
                if answer.ok:
                    return _UnitResult(True, answer.candidate)
                if self._failed_round(job, rounds, answer):
                    break
            if rounds.failed >= rounds.give_up_after:
                break
        return await self._after_rounds(job, rounds, problems, instruction, depth)

    async def _checked_answer(
        self, job: _UnitJob, rounds: _Rounds, edit_unit: CodeUnit, edit: Any, round_number: int
    ) -> _Answer:
        """An answer applied and verified, then what a verified answer still goes through: its
        type errors (once per unit), a stub's soft checks, the names an edit brings in."""
        path, text, unit, mode = job.path, job.text, job.unit, job.mode
        candidate = self._apply_edit(path, text, edit_unit, edit, mode)
        candidate = await self.fixes.with_missing_imports(path, candidate)
        self.progress(f"verifying {unit.label}")
        report = await self._check({path: candidate}, {path: text}, job.tests, self._others(path))
        left = await self._targets_left(path, candidate, job.targets)
        if mode in ("fix", "implement"):
            left += _new_placeholders(path, text, candidate, unit)
        left += added_test_imports(self.graph, path, text, candidate)
        if mode == "edit":
            left += self._stale_handlers(path, candidate, unit)
        ok = report.ok and not left and (mode != "implement" or not _still_stub(path, candidate, unit))
        answer = _Answer(candidate, report, left, ok)
        if answer.ok and self.settings.agent.type_check and self.types.wanted(path):
            await self._type_round(job, rounds, edit_unit, answer)
        unused: dict[str, str] = {}  # what the answer left out that is asked for once
        last = round_number >= self.max_rounds
        if answer.ok and mode == "implement" and (not last or rounds.expected.shown is not None):
            # In the last round no check can ask for more; the example still decides between this
            # answer and one its wrong values were shown for.
            unused = await self._stub_soft_checks(job, rounds, answer, last)
        if answer.ok and mode == "edit" and not last and self._new_names:
            unused = self._new_names_unused(job, rounds, answer)
        if answer.ok and unused:
            # Asked once: an answer that still goes without it stands if none does better.
            rounds.demanded.update(unused)
            answer.left += list(unused.values())
            if rounds.declined is None:
                rounds.declined, rounds.declined_why = answer.candidate, dict(unused)
            answer.ok = False
        self.trace.event(
            "verify",
            unit=unit.label,
            round=round_number,
            ok=answer.ok,
            stages=report.stages,
            problems=[p.render(self.ws) for p in report.problems][:10],
            targets_left=answer.left,
        )
        return answer

    async def _type_round(self, job: _UnitJob, rounds: _Rounds, edit_unit: CodeUnit, answer: _Answer) -> None:
        """The type errors a verified answer adds: what the harness can repair itself (a tuple
        unpacked from an object read by attribute), else they go back to the model. Once per unit,
        as mypy may be wrong, and an answer kept after that stands; but not one that raises on a
        line mypy is sure of (`Too many arguments`), which fails every round it comes back in."""
        errors = await self._type_errors(job.path, job.text, answer.candidate, edit_unit)
        errors = self._defer_attributes_ahead(job.path, job.unit, errors)
        if rounds.types_asked:
            errors = [p for p in errors if raises(p)]
        if not errors:
            return
        fixed = await self._read_by_attributes(job.path, job.text, answer.candidate, errors, job.tests, edit_unit)
        if fixed:
            answer.candidate, answer.report = fixed
            return
        typed = [describe(p, answer.candidate, self.types.members) for p in errors]
        rounds.types_asked, answer.ok = True, False
        answer.left += typed
        self.trace.event("type_errors", unit=job.unit.label, errors=typed)

    async def _stub_soft_checks(self, job: _UnitJob, rounds: _Rounds, answer: _Answer, last: bool) -> dict[str, str]:
        """What a verified stub answer is asked for once more: names its docstring points at that
        it leaves unused, else what its example call shows. Values only the model expected do not
        go back: they keep an earlier answer, pick among sampled ones, or become a caveat."""
        path, text, unit = job.path, job.text, job.unit
        unused = (
            {}
            if last
            else self.stub_checks.unused_doc_names(path, text, answer.candidate, unit, job.lang, rounds.demanded)
        )
        if not unused and not job.tests and self.stub_checks.wants_example(path, unit):
            run = await self._example_run(path, answer.candidate, unit, rounds.messages, rounds.example)
            verdict = rounds.expected.judge(answer.candidate, run, rounds.demanded, last)
            unused, answer.sample_next = verdict.ask, verdict.sample
            if verdict.keep is not None:
                self.trace.event("expected_values_kept", unit=unit.label, misses=len(run.misses))
                answer.candidate = verdict.keep
            elif not unused and run.misses and rounds.expected.shown is None and not rounds.sampled:
                rounds.sampled = True
                first_prompt = (rounds.messages[:2], rounds.prefill)
                better = await self._sampled_instead(
                    path, text, unit, first_prompt, rounds.example, rounds.demanded, answer.candidate, run
                )
                if better is not None:
                    answer.candidate, rounds.expected.misses_of[better[0]] = better
        if not unused and (caveat := rounds.expected.caveat(answer.candidate)):
            self.caveats.append(f"{unit.label}: {caveat}")
        return unused

    def _new_names_unused(self, job: _UnitJob, rounds: _Rounds, answer: _Answer) -> dict[str, str]:
        """The names the instruction brings in that a verified edit of this unit never uses, not
        asked for before."""
        written = _reanchor(job.path, answer.candidate, job.unit).text
        missing = {
            name: f"the task asks for `{name}` in {job.unit.label}, but this version never uses it"
            for name in self._new_names
            if not re.search(rf"\b{re.escape(name)}\b", written)
        }
        unused = {name: why for name, why in missing.items() if name not in rounds.demanded}
        if not unused and missing and answer.candidate == rounds.declined and not rounds.names_resampled:
            # The same code back: greedy decoding repeats itself, so one sampled try more.
            rounds.names_resampled, answer.sample_next, answer.ok = True, True, False
            rounds.give_up_after += 1  # that round is not one more failure to give up on
            answer.left += [f"your reply is the same code as before; {why}" for why in missing.values()]
        return unused

    def _failed_round(self, job: _UnitJob, rounds: _Rounds, answer: _Answer) -> bool:
        """A failed answer: kept if it is the best so far, its problems sent back for the next
        round. True when the rounds stop now: the same error twice, outside a stub."""
        path, unit, mode = job.path, job.unit, job.mode
        rounds.failed += 1
        found = self._feedback(answer.report, answer.left, answer.candidate, path, mode, unit)
        # The same answer as the round before: greedy decoding would send it a third time.
        again = answer.candidate == rounds.last_failed
        rounds.last_failed = answer.candidate
        rounds.echoed = (
            answer.candidate == job.text
            or (mode == "implement" and _still_stub(path, answer.candidate, unit))
            or answer.sample_next
            or again
        )
        if answer.candidate == job.text:
            found.insert(0, "your reply is the same code as before: nothing was changed")
        elif again and not answer.sample_next:
            # (A soft check that asks for a sampled round has said so in its own words.)
            found.insert(0, "your reply is the same code as your last one: change it where these problems are")
        if len(found) <= rounds.best.score:
            rounds.best = _Attempt(answer.candidate, found, len(found))
        repeated = any(rounds.seen[p.key] for p in answer.report.problems)
        rounds.seen.update(p.key for p in answer.report.problems)
        rounds.messages.append({"role": "user", "content": prompts.retry_task(unit, found, job.lang)})
        if repeated and mode == "implement":
            # The same error twice: a stub has nothing to decompose into, so the next round is
            # sampled rather than given up.
            rounds.echoed = True
            return False
        return repeated

    async def _after_rounds(
        self, job: _UnitJob, rounds: _Rounds, problems: list[Problem], instruction: str, depth: int
    ) -> _UnitResult:
        """No round verified: an answer that only went without what it was asked for once stands;
        else decompose (one error at a time, then a narrower window), then escalate."""
        path, text, unit, mode = job.path, job.text, job.unit, job.mode
        if rounds.declined is not None:
            self.trace.event("soft_checks_declined", unit=unit.label, names=sorted(rounds.demanded))
            if EXAMPLE in rounds.declined_why:
                self.caveats.append(f"{unit.label}: {rounds.declined_why[EXAMPLE].split(chr(10))[0]}")
            if caveat := rounds.expected.caveat(rounds.declined):
                self.caveats.append(f"{unit.label}: {caveat}")
            return _UnitResult(True, rounds.declined)
        if depth < 2:
            decomposed = await self._decompose(path, text, unit, mode, problems, instruction, depth, rounds.best)
            if decomposed is not None:
                return decomposed
        escalated = await self._escalate(path, text, unit, rounds.messages[:2], job.tests, job.targets, mode, job.lang)
        if escalated is not None:
            return escalated
        best = rounds.best
        return _UnitResult(False, text, best.problems or ["the model gave no usable code"], best.text)

    def _first_prompt(
        self,
        path: str,
        text: str,
        unit: CodeUnit,
        mode: str,
        problems: list[Problem],
        instruction: str,
        note: str,
        budget: Budget,
        lang: str,
    ) -> tuple[list[dict[str, Any]], str | None]:
        """The first request for a unit, and the start of the answer to prefill (for a stub).
        Raises BudgetExceeded when the target and task alone do not fit."""
        rel = self.ws.relative(path)
        problem_lines = [self.hints.describe(p, text, path) for p in problems]
        if mode == "fix":
            task_text = prompts.fix_task(unit, problem_lines, lang)
        elif mode == "implement":
            task_text = prompts.implement_task(unit, lang)
        else:
            task_text = prompts.edit_task(unit, instruction, lang, note)
        # A small model shown a stub tends to send the stub back: it sees the stub without its
        # placeholder, and its answer is started past it, so what it writes next is the body.
        head = stub_head(unit.text) if mode == "implement" and unit.kind != "file" else None
        prefill = f"```{prompts.fence(lang)}\n{head}" if head else None
        if mode == "fix" and unit.kind in ("function", "method"):
            # A fix keeps the signature: starting the answer with it stops a small model from
            # rewriting the whole class around the method, and saves the tokens of copying it.
            signature = signature_head(unit.text, lang)
            last = unit.start_line + (signature or "").count("\n") - 1
            in_signature = [p for p in problems if unit.start_line <= p.line <= last and _is_code_problem(p)]
            if signature and not in_signature:
                prefill = f"```{prompts.fence(lang)}\n{signature}"
        if unit.kind == "new":
            target_text = prompts.new_symbol_block(unit, rel, lang, self._enclosing_class_text(path, text, unit))
            task_text = prompts.new_symbol_task(unit, instruction, lang)
        elif unit.kind == "file":
            target_text = prompts.new_file_block(rel, lang)
        elif head:
            shown = dataclasses.replace(unit, text=head.rstrip("\n"))
            target_text = prompts.target_block(shown, rel, lang, "a stub: its body is still to be written")
        else:
            target_text = prompts.target_block(unit, rel, lang, "a stub" if mode == "implement" else "")
        budget.add("system", prompts.SYSTEM_EDIT, required=True)
        budget.add("target", target_text, required=True)
        budget.add("task", task_text, required=True)
        related = budget.fit(
            "related", self.context.for_unit(path, unit, mode, budget.free("related"), self._instruction)
        )
        self.trace.event("context", unit=unit.label, budget=budget.report(), related=len(related))
        user = prompts.related_block(related) + target_text + "\n" + task_text
        messages: list[dict[str, Any]] = [
            {"role": "system", "content": prompts.SYSTEM_EDIT},
            {"role": "user", "content": user},
        ]
        return messages, prefill

    async def _example_run(
        self, path: str, candidate: str, unit: CodeUnit, messages: list[dict[str, Any]], example: ExampleState
    ) -> ExampleRun:
        """The unit's example call run against the candidate."""

        async def chat(ask: list[dict[str, Any]], stage: str) -> str:
            return (await self._chat(ask, stage=stage)).content

        if not example.asked:
            self.progress(f"writing an example call of {unit.label}")
        run = await self.stub_checks.check_example(
            path, candidate, unit, messages, example, chat, self._buffers({}), self.trace.event
        )
        if run.ran:
            self.examples_ran.add(unit.label)
        else:
            self.examples_ran.discard(unit.label)
        return run

    async def _sampled_instead(
        self,
        path: str,
        text: str,
        unit: CodeUnit,
        prompt: tuple[list[dict[str, Any]], str | None],
        example: ExampleState,
        demanded: set[str],
        first: str,
        first_run: ExampleRun,
    ) -> tuple[str, list[Miss]] | None:
        """A stub's answer whose example printed other values than the model expected: those are
        the model's own guesses, too often wrong to send back, but an answer that prints more of
        them is more often right. `example_samples` answers are sampled from the first prompt; one
        that verifies like the first and prints more of the expected values is returned, with its
        misses."""
        spec = spec_for(path)
        assert spec is not None
        messages, prefill = prompt
        best, best_run = first, first_run
        tried = {first}
        for number in range(1, self.settings.agent.example_samples + 1):
            self.outcome.rounds += 1
            self.progress(f"sampling another answer for {unit.label}")
            stage = f"{unit.label} sample {number}"
            try:
                reply = await self._chat(messages, stage=stage, temperature=ECHO_TEMPERATURE, prefill=prefill)
            except ModelError as exc:
                # A bonus check: the first answer still stands.
                self.trace.event("sample_failed", unit=unit.label, error=str(exc))
                break
            edit_unit = _reply_scope(path, text, unit, reply.content)
            edit = parse_edit(reply.content, edit_unit, text, spec)
            if edit is None:
                continue
            candidate = await self.fixes.with_missing_imports(
                path, self._apply_edit(path, text, edit_unit, edit, "implement")
            )
            if (
                candidate in tried
                or _still_stub(path, candidate, unit)
                or _new_placeholders(path, text, candidate, unit)
            ):
                continue
            tried.add(candidate)
            report = await self._check({path: candidate}, {path: text}, [], self._others(path))
            unused = self.stub_checks.unused_doc_names(path, text, candidate, unit, spec.name, set(demanded))
            typed = (
                report.ok
                and not unused
                and self.settings.agent.type_check
                and self.types.wanted(path)
                and bool(await self._type_errors(path, text, candidate, edit_unit))
            )
            if not report.ok or unused or typed:
                why = [p.render(self.ws) for p in report.problems][:3] + list(unused.values())[:3]
                self.trace.event("sample", unit=unit.label, number=number, verified=False, why=why or ["types"])
                continue
            run = await self.stub_checks.rerun_example(
                path, candidate, unit, example, self._buffers({}), self.trace.event
            )
            unlike = unlike_pattern(run.printed)
            self.trace.event(
                "sample", unit=unit.label, number=number, verified=True, hits=run.hits, of=run.reached, unlike=unlike
            )
            # Values right count first, not values wrong: an answer that raises before printing
            # misses none. Then how the values compare among themselves against the expected ones.
            if (
                run.ran
                and run.crash is None
                and run.reached >= first_run.reached
                and (run.hits, -unlike) > (best_run.hits, -unlike_pattern(best_run.printed))
            ):
                best, best_run = candidate, run
                if not run.misses:
                    break
        if best == first:
            return None
        self.trace.event("sample_taken", unit=unit.label, hits=best_run.hits, first_hits=first_run.hits)
        return best, best_run.misses

    def _defer_attributes_ahead(self, path: str, unit: CodeUnit, errors: list[Problem]) -> list[Problem]:
        """`errors` but those about an attribute missing from a class whose units this edit has
        still to visit (`self.capacity` in a method, before the edit reaches `__init__`): asked
        now, the model would undo a right answer. They wait for the check after the edit."""
        ahead = [p for p in errors if (m := _NO_ATTRIBUTE.match(p.message)) and m.group(1) in self._classes_ahead]
        if not ahead:
            return errors
        self._types_deferred.add((path, unit.name))
        self.trace.event("type_errors_deferred", unit=unit.label, errors=[p.message for p in ahead])
        return [p for p in errors if p not in ahead]

    async def _type_errors(self, path: str, text: str, candidate: str, unit: CodeUnit) -> list[Problem]:
        """The type errors `candidate` adds on the unit's lines, against the workspace before the
        task (every other verified unit pending)."""
        original = self.outcome.before.get(path, text)
        others = (self._buffers({}), self._others(path))
        return await self.types.added(path, original, candidate, unit, text, others)

    def _enclosing_class_text(self, path: str, text: str, unit: CodeUnit) -> str:
        """The class a new method goes into, shown in full up to a size, else its first lines."""
        parent = unit.name.rpartition(".")[0]
        cls = find_symbol(path, text, parent) if parent else None
        if cls is None:
            return ""
        lines = text.split("\n")[cls.start[0] : cls.end[0] + 1]
        if len(lines) > NEW_METHOD_CLASS_LINES:
            lines = [*lines[:NEW_METHOD_CLASS_LINES], unit.indent + "..."]
        return "\n".join(lines)

    async def _decompose(
        self,
        path: str,
        text: str,
        unit: CodeUnit,
        mode: str,
        problems: list[Problem],
        instruction: str,
        depth: int,
        best: _Attempt,
    ) -> _UnitResult | None:
        """After failed rounds: an undefined name as a choice among existing names, each error on
        its own, else a narrower window around the first. None when none applies or all failed
        (escalation comes next)."""
        if mode == "fix" and len(problems) == 1:
            chosen = await self._choose_name(path, text, unit, problems[0])
            if chosen is not None:
                return chosen
        if mode == "fix" and depth == 0 and unit.kind in ("function", "method"):
            located = await self._choose_line(path, text, unit, problems, instruction, best)
            if located is not None:
                return located
        if len(problems) > 1:
            self.outcome.decompositions += 1
            self.progress(f"decomposing {unit.label}: one error at a time")
            self.trace.event("decompose", how="one error at a time", unit=unit.label, errors=len(problems))
            current = text
            for problem in sorted(problems, key=lambda p: p.line, reverse=True):
                sub_unit = _reanchor(path, current, unit)
                # Tests can only pass once every error is fixed: the whole is tested at the end.
                result = await self._solve(
                    path,
                    current,
                    sub_unit,
                    mode,
                    problems=[problem],
                    instruction=instruction,
                    depth=depth + 1,
                    skip_tests=True,
                )
                if not result.ok:
                    return _UnitResult(False, text, result.problems or best.problems, result.best or best.text)
                current = result.file_text
            return _UnitResult(True, current)
        focus = problems[0].line if problems else None
        narrower = unit.narrower(focus, NARROW_RADIUS) if focus is not None else None
        if narrower is not None:
            self.outcome.decompositions += 1
            self.progress(f"decomposing {unit.label}: lines around the error")
            self.trace.event("decompose", how="narrower window", unit=unit.label, to=narrower.label)
            result = await self._solve(
                path, text, narrower, mode, problems=problems, instruction=instruction, depth=depth + 1
            )
            if result.ok:
                return result
        return None

    async def _escalate(
        self,
        path: str,
        text: str,
        unit: CodeUnit,
        first_messages: list[dict[str, Any]],
        tests: list[str],
        targets: Counter[tuple[str, str, str]],
        mode: str,
        lang: str,
    ) -> _UnitResult | None:
        if not self.escalation or not self.router.escalation_configured or self.router.escalation_left() <= 0:
            return None
        spec = spec_for(path)
        assert spec is not None
        self.progress(f"escalating {unit.label} to the escalation endpoint")
        try:
            result = await self.router.escalate(
                first_messages, reason=f"{mode} of {unit.label} failed locally", max_tokens=None
            )
        except (EscalationUnavailable, ModelError) as exc:
            self.trace.event("escalation_failed", error=str(exc))
            return None
        self.outcome.tokens_in += result.usage.prompt_tokens
        self.outcome.tokens_out += result.usage.completion_tokens
        self.trace.event("escalation", unit=unit.label, reply=result.content[:4000], usage=vars(result.usage))
        edit = parse_edit(result.content, unit, text, spec)
        if edit is None:
            return None
        candidate = self._apply_edit(path, text, unit, edit, mode)
        report = await self._check({path: candidate}, {path: text}, tests, self._others(path))
        if report.ok and not await self._targets_left(path, candidate, targets):
            return _UnitResult(True, candidate)
        return None

    # -- pieces ----------------------------------------------------------------------

    async def _chat(
        self,
        messages: list[dict[str, Any]],
        stage: str,
        stream_answer: bool = False,
        temperature: float | None = None,
        prefill: str | None = None,
        stream_prefix: str = "",
    ) -> ChatResult:
        """One request to the local model. A streamed answer goes to the answer sink whole so far,
        after `stream_prefix` (what is shown above it)."""
        client = await self.router.local()
        self.trace.event("prompt", stage=stage, messages=messages)
        sink = self.answer_sink if stream_answer else None
        # A sampled answer is seeded by its stage: the same task gives the same answers again.
        seed = zlib.crc32(stage.encode()) if temperature else None
        if sink is not None:
            so_far: list[str] = []

            def on_text(piece: str) -> None:
                so_far.append(piece)
                sink(stream_prefix + "".join(so_far))

            result = await client.chat(messages, stream=True, on_text=on_text)
        elif prefill:
            result = await client.chat(messages, temperature=temperature, prefill=prefill, stop=["```"], seed=seed)
            if result.content.startswith(prefill) and "```" not in result.content[len(prefill) :]:
                result.content = result.content.rstrip("\n") + "\n```"
        else:
            result = await client.chat(messages, temperature=temperature, seed=seed)
        self.outcome.tokens_in += result.usage.prompt_tokens
        self.outcome.tokens_out += result.usage.completion_tokens
        self.trace.event(
            "reply",
            stage=stage,
            content=result.content,
            prompt_tokens=result.usage.prompt_tokens,
            cached_tokens=result.usage.cached_tokens,
            completion_tokens=result.usage.completion_tokens,
            seconds=round(result.seconds, 3),
        )
        return result

    def _apply_edit(self, path: str, text: str, unit: CodeUnit, edit: Any, mode: str = "edit") -> str:
        """The file with the unit replaced. Other units a whole-file reply changed are taken for an edit,
        and for implement only where they were stubs; a fix changes nothing beyond its unit."""
        if unit.kind == "new":
            return add_imports(_insert_new(path, text, unit, edit.new_text), edit.imports)
        candidate = replace_unit(text, unit, edit.new_text)
        if unit.kind == "file" and candidate and not candidate.endswith("\n"):
            candidate += "\n"
        for qualname, new_text in edit.others.items():
            sym = find_symbol(path, candidate, qualname)
            if sym is None or mode == "fix" or (mode == "implement" and not is_stub(path, candidate, sym)):
                continue
            candidate = replace_unit(candidate, unit_for_symbol(path, candidate, sym), new_text)
        return add_imports(candidate, edit.imports)

    async def _targets_left(self, path: str, candidate: str, targets: Counter[tuple[str, str, str]]) -> list[str]:
        if not targets:
            return []
        after = Counter(p.key for p in await self._fatal(path, candidate))
        return [f"still: {key[2]}" for key, n in targets.items() if after[key] >= n]

    def _feedback(
        self, report: Report, left: list[str], candidate: str, path: str, mode: str, unit: CodeUnit
    ) -> list[str]:
        found = [self.hints.describe(p, candidate, path) for p in report.problems]
        found += left
        if mode == "implement" and not found and _still_stub(path, candidate, unit):
            found.append("the body is still a placeholder; write the real implementation")
        return found or ["the code did not pass verification"]

    async def _choose_name(self, path: str, text: str, unit: CodeUnit, problem: Problem) -> _UnitResult | None:
        """An undefined name the model would not fix, asked as a choice among the names that exist."""
        match = UNDEFINED.search(problem.message)
        spec = spec_for(path)
        if match is None or spec is None or spec.name != "python":
            return None
        name = match.group(1)
        kinds = wanted_kinds(unit.text, name, spec.name)
        choices = self.hints.choices(path, unit, name, kinds) if kinds else []
        if not choices:
            return None
        self.outcome.decompositions += 1
        self.progress(f"decomposing {unit.label}: which name was meant")
        lines = lines_using(unit.text, name)
        self.trace.event("decompose", how="choose a name", unit=unit.label, choices=[c.code for c in choices])
        chosen = clear_winner(choices, name, lines)
        if chosen is not None:
            self.trace.event("name_chosen_by_words", unit=unit.label, chosen=chosen.code)
        else:
            ask = [{"role": "user", "content": name_question(name, unit.label, lines, choices)}]
            reply = await self._chat(ask, stage=f"{unit.label} choose a name")
            chosen = picked(reply.content, choices)
            if chosen is None:
                return None
        candidate = replaced(text, unit.start_line, unit.end_line, name, chosen.code, spec.name)
        candidate = await self.fixes.with_missing_imports(path, candidate)
        report = await self._check({path: candidate}, {path: text}, self.linked.of_unit(path, unit), self._others(path))
        left = await self._targets_left(path, candidate, Counter([problem.key]))
        self.trace.event("verify", unit=unit.label, round="choice", ok=report.ok and not left, chosen=chosen.code)
        return _UnitResult(True, candidate) if report.ok and not left else None

    async def _choose_line(
        self, path: str, text: str, unit: CodeUnit, problems: list[Problem], instruction: str, best: _Attempt
    ) -> _UnitResult | None:
        """A failing test the model would not fix: it names the wrong line, then rewrites only the
        lines around it; the tests judge."""
        failure = next((p for p in best.problems if p.startswith(("tests failed", "test command failed"))), None)
        spec = spec_for(path)
        if failure is None or spec is None:
            return None
        lines = code_lines(unit.text, unit.start_line, spec.name)
        if len(lines) < LINE_CHOICE_MIN:
            return None
        task = instruction or "; ".join(p.message for p in problems) or "make the failing test pass"
        self.outcome.decompositions += 1
        self.progress(f"decomposing {unit.label}: which line is wrong")
        ask = [{"role": "user", "content": line_question(unit.label, lines, failure, task)}]
        try:
            reply = await self._chat(ask, stage=f"{unit.label} choose a line")
        except ModelError as exc:
            # A decomposition is one more try: the task's outcome is the failed rounds before it.
            self.trace.event("decompose_failed", how="choose a line", error=str(exc))
            return None
        line = picked_line(reply.content, lines)
        self.trace.event("decompose", how="choose a line", unit=unit.label, line=line, reply=reply.content[:200])
        if line is None:
            return None
        window = unit.narrower(line, LINE_CHOICE_RADIUS) or unit.narrower(line, 0)
        bug = Problem(path, line, 0, f"{task} The bug is on this line.", "", "tests")
        if window is None:
            return None
        return await self._solve(path, text, window, "fix", problems=[bug], instruction=instruction, depth=1)

    async def _check(self, *args: Any, timeout: float | None = None) -> Report:
        """Verification runs subprocesses: off the event loop, so an editor stays responsive."""
        return await asyncio.to_thread(functools.partial(self.verifier.check, timeout=timeout), *args)

    async def _repair_passes(
        self, path: str, candidate: str, text: str, texts: dict[str, str], tests: list[str], event: str, label: str
    ) -> bool:
        """Whether the tests pass with a harness repair's candidate, each run under the repair time limit."""
        report = await self._check(
            {path: candidate}, {path: text}, tests, self._buffers(texts), timeout=self._repair_timeout
        )
        self.trace.event(event, unit=label, ok=report.ok)
        return report.ok

    def _note_test_seconds(self, report: Report) -> None:
        """How long the tests took when they last failed: a harness repair that takes much longer
        has made them loop, and is stopped."""
        seconds = sum(t for name, t, _ in report.stages if name != "lint")
        self._repair_timeout = max(REPAIR_TIMEOUT_MIN, REPAIR_TIMEOUT_FACTOR * seconds)

    def _note(self, event: str, summary: str, **data: Any) -> None:
        self.trace.event(event, **data)
        self.outcome.units.append(summary)

    async def _fatal(self, path: str, text: str) -> list[Problem]:
        return await asyncio.to_thread(fatal_problems, path, text, self.settings.agent.lint_timeout)

    def _others(self, path: str) -> dict[str, str]:
        return self._buffers({p: t for p, t in self._pending.items() if p != path})

    def _buffers(self, extra: dict[str, str]) -> dict[str, str]:
        """What the sandbox must contain besides the disk: open buffers, then edits made so far."""
        return {**self.ws.buffers(), **extra}

    async def _finish(self, changes: dict[str, str], failed: list[str], report: Report | None = None) -> None:
        """Verify everything together (unless `report` is that check, just made), then report;
        nothing is applied here."""
        checked = ""
        if changes and not failed:
            self.progress("verifying all changes together")
            linked = self.linked.of_changes(changes)
            if report is None:
                report = await self._check(changes, self.outcome.before, linked, self._buffers({}))
            self.trace.event("verify_all", ok=report.ok, stages=report.stages)
            checked = _what_was_checked([name for name, _, _ in report.stages], len(linked), len(self.examples_ran))
            if not report.ok:
                failed = [p.render(self.ws) for p in report.problems]
                self.outcome.best_attempt.update(changes)
                changes = {}
        if failed:
            self.outcome.status = "no-verified-fix"
            self.outcome.remaining = failed
            self.outcome.message = "no verified fix: " + "; ".join(f.split("\n")[0] for f in failed[:3])
            # Parts that did verify are not applied alone: the task is all or nothing.
            if changes:
                self.outcome.best_attempt.update(changes)
            return
        if not changes:
            self.outcome.status = "nothing-to-do"
            self.outcome.message = self.outcome.message or "no change was needed"
            return
        self.outcome.status = "verified"
        self.outcome.changes = changes
        self.outcome.message = f"verified edit of {len(changes)} file(s): {checked}"
        if self.caveats:
            self.outcome.message += "; but " + "; ".join(self.caveats)

    def _stale_handlers(self, path: str, candidate: str, unit: CodeUnit) -> list[str]:
        """`except E` left around a call to a function this edit stopped raising E from, each
        asked about once: an answer that keeps it after that stands."""
        if not self._dropped_raises or unit.symbol is None or not path.endswith(".py"):
            return []
        written = find_symbol(path, candidate, unit.symbol.qualname)
        if written is None:
            return []
        code = "\n".join(candidate.split("\n")[written.start[0] : written.end[0] + 1])
        others = {name: gone for name, gone in self._dropped_raises.items() if name != unit.symbol.name}
        found = [m for m in stale_handlers(code, others) if (unit.label, m) not in self._stale_asked]
        self._stale_asked.update((unit.label, m) for m in found)
        return found

    def _path(self, task: Task) -> str:
        if not task.path:
            raise WorkspaceError(f"{task.kind} needs a file")
        return self.ws.resolve(task.path)


def _what_was_checked(stages: list[str], linked_tests: int, examples: int = 0) -> str:
    """The final check in words, so a user knows when "verified" means only that it lints."""
    said = {
        "tests": f"{linked_tests} linked test(s) pass",
        "test command": "your test command passes",
        "checker": "your checkers pass",
    }
    parts = ["lints clean"] + [said[name] for name in dict.fromkeys(stages) if name in said]
    if len(parts) == 1 and examples:
        return "lints clean, an example call ran without crashing in it; no test checks its results"
    if len(parts) == 1:
        return "lints clean; no test covers this change, so its behaviour is unchecked"
    return ", ".join(parts)


def _is_code_problem(problem: Problem) -> bool:
    """A linter's or compiler's finding at a place in the code, not a failing test or the user's
    words about the function (which point at its first line, where the cursor was)."""
    return problem.source in ("syntax", "ruff", "node", "modules", "types") or (
        problem.source == "editor" and bool(problem.code)
    )


def _insert_new(path: str, text: str, unit: CodeUnit, code: str) -> str:
    """`text` with a new function or method put in at `unit`: only the definition named like the
    unit when the reply wraps it in more (its class, the whole file), after blank lines."""
    name = unit.name.rpartition(".")[2]
    dedented = textwrap.dedent(code).strip("\n")
    found = [s for s in symbols_of(path, dedented + "\n") if s.name == name and s.kind in ("function", "method")]
    if found:
        lines = dedented.split("\n")
        dedented = textwrap.dedent("\n".join(lines[found[0].start[0] : found[0].end[0] + 1]))
    body = textwrap.indent(dedented, unit.indent)
    gap = "\n" if unit.indent else "\n\n"
    return replace_unit(text, unit, gap + body)


def _reply_scope(path: str, text: str, unit: CodeUnit, reply: str) -> CodeUnit:
    """A window inside a function, answered with the whole function: take the reply as the function."""
    if unit.kind != "window":
        return unit
    enclosing = [s for s in symbols_of(path, text) if s.start[0] <= unit.start_line and unit.end_line <= s.end[0]]
    if not enclosing:
        return unit
    sym = min(enclosing, key=lambda s: s.end[0] - s.start[0])
    if defines_name(reply, sym.name) and not defines_name(unit.text, sym.name):
        return unit_for_symbol(path, text, sym)
    return unit


def _fit_history(messages: list[dict[str, Any]], room: int) -> list[dict[str, Any]]:
    """The conversation within `room` tokens: whole, else the first exchange plus the last round (the
    prefix the server has cached stays), else the first request with the latest feedback folded in."""

    def size(msgs: list[dict[str, Any]]) -> int:
        return sum(estimate_tokens(str(m.get("content") or "")) + 6 for m in msgs)

    if size(messages) <= room or len(messages) <= 2:
        return messages
    shorter = messages[:2] + messages[-2:]
    if size(shorter) <= room:
        return shorter
    folded = dict(messages[1])
    folded["content"] = f"{messages[1]['content']}\n\n{messages[-1]['content']}"
    return [messages[0], folded]


def _reanchor(path: str, text: str, unit: CodeUnit) -> CodeUnit:
    """The same unit in a text that changed elsewhere (by name for symbols, by line for windows)."""
    if unit.symbol is not None:
        sym = find_symbol(path, text, unit.symbol.qualname)
        if sym is not None:
            sym.id = unit.symbol.id or f"{path}::{sym.qualname}"
            return unit_for_symbol(path, text, sym)
    lines = text.split("\n")
    end = min(unit.end_line, len(lines) - 1)
    return CodeUnit(
        path, unit.name, unit.kind, unit.start_line, end, "\n".join(lines[unit.start_line : end + 1]), unit.indent
    )


def _still_stub(path: str, text: str, unit: CodeUnit) -> bool:
    if unit.symbol is None:
        return False
    sym = find_symbol(path, text, unit.symbol.qualname)
    return sym is not None and is_stub(path, text, sym)


def _new_placeholders(path: str, before: str, candidate: str, unit: CodeUnit) -> list[str]:
    """Functions the edit adds whose body is only a placeholder: a fix that silences `undefined
    name f` by defining an empty `f` has fixed nothing."""
    old = {sym.qualname for sym in symbols_of(path, before)}
    target = unit.symbol.qualname if unit.symbol is not None else None
    return [
        f"`{sym.name}` is new and only a placeholder: call a function that exists, or write its real body"
        for sym in symbols_of(path, candidate)
        if sym.qualname not in old and sym.qualname != target and is_stub(path, candidate, sym)
    ]


__all__ = ["Diagnostic", "Engine", "Outcome", "Task"]
