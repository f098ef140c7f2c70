"""Type errors an answer adds go back to the model once, or each time for one that raises; old ones
and noisy kinds never do."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from fakes.scripted_server import Recorded
from test_agent_edit_tests import app_project
from test_agent_engine import fenced, run_scripted

from smallcode_ls.agent import verify
from smallcode_ls.agent.tasks import Outcome, Task
from smallcode_ls.agent.type_check import added_errors, class_members, counted, member_hint, raises
from smallcode_ls.agent.verify import LinterMissing, Problem, Verifier, ruff_problems
from smallcode_ls.config import AgentSettings, IndexSettings
from smallcode_ls.workspace import Workspace

PARSING = '''from decimal import Decimal


def parse_amount(text: str) -> Decimal:
    """'1,234.50' as a Decimal; blank is zero."""
    return Decimal(text.replace(",", "") or "0")
'''

SUMMARY = '''from decimal import Decimal

from .parsing import parse_amount


def group_totals(rows: list[dict[str, str]], key: str, value: str) -> dict[str, Decimal]:
    """Total the `value` column per `key` value, ordered by group name."""
    raise NotImplementedError


def grand_total(totals: dict[str, Decimal]) -> Decimal:
    return sum(totals.values(), Decimal(0))
'''

HEAD = (
    "def group_totals(rows: list[dict[str, str]], key: str, value: str) -> dict[str, Decimal]:\n"
    '    """Total the `value` column per `key` value, ordered by group name."""\n'
    "    totals: dict[str, Decimal] = {}\n"
    "    for row in rows:\n"
    "        totals[row[key]] = totals.get(row[key], Decimal(0)) + parse_amount(row[value])\n"
)
AS_LIST = HEAD + "    return sorted(totals.items())"
AS_DICT = HEAD + "    return dict(sorted(totals.items()))"


def project(root: Path) -> Path:
    (root / "report").mkdir()
    (root / "report" / "__init__.py").write_text("")
    (root / "report" / "parsing.py").write_text(PARSING)
    path = root / "report" / "summary.py"
    path.write_text(SUMMARY)
    return path


async def run_typed(root: Path, task: Task, replies: list[str], **settings: object) -> tuple[Outcome, list[Recorded]]:
    """`run_scripted`, with mypy's cache in the test's temporary directory, not the user's."""
    cache = IndexSettings(cache_dir=str(root.parent / "cache"))
    return await run_scripted(root, task, replies, index=cache, **settings)


def problem(code: str, message: str, line: int = 3) -> Problem:
    return Problem("a.py", line, 0, message, code, "types")


def test_only_counted_kinds_new_against_before_and_on_the_unit_lines() -> None:
    wrong = problem("return-value", 'Incompatible return value type (got "list[int]", expected "dict[str, int]")')
    assert counted(wrong)
    assert not counted(problem("var-annotated", 'Need type annotation for "totals"'))
    assert not counted(problem("arg-type", 'Argument 1 has incompatible type "int | None"; expected "int"'))
    assert not counted(problem("misc", "Unused type: ignore comment"))
    assert counted(problem("misc", '"Slot" object is not iterable'))
    assert added_errors([], [wrong]) == [wrong]
    moved = problem(wrong.code, wrong.message, line=9)
    assert added_errors([wrong], [moved]) == []  # the same error, its line moved by the edit
    assert added_errors([wrong], [moved, wrong]) == [wrong]  # one more of the same than before
    assert added_errors([], [wrong], range(5, 9)) == []  # outside the unit


def test_verifier_reports_mypy_errors_as_workspace_paths(tmp_path: Path) -> None:
    path = project(tmp_path)
    verifier = Verifier(Workspace([str(tmp_path)]), AgentSettings())
    wrong = SUMMARY.replace("    raise NotImplementedError", AS_LIST.split("\n", 2)[2])
    cache = tmp_path.parent / "mypy-cache"
    before, after = (verifier.type_problems(str(path), text, {}, cache) for text in (SUMMARY, wrong))
    assert before is not None and after is not None
    assert not added_errors(before, before)
    found = added_errors(before, after)
    assert [(p.path, p.code) for p in found] == [(str(path), "return-value")]
    assert wrong.split("\n")[found[0].line].strip() == "return sorted(totals.items())"
    assert path.read_text() == SUMMARY  # checked in a sandbox
    # The same code elsewhere, with mypy's cache warm: its errors are replayed, and still found.
    other = tmp_path / "copy"
    other.mkdir()
    project(other)
    again = Verifier(Workspace([str(other)]), AgentSettings())
    replayed = again.type_problems(str(other / "report" / "summary.py"), wrong, {}, cache)
    assert replayed is not None and [p.code for p in added_errors(before, replayed)] == ["return-value"]


async def test_implement_sends_an_added_type_error_back_once(tmp_path: Path) -> None:
    path = project(tmp_path)
    task = Task("implement", path=str(path), symbol="group_totals")
    outcome, requests = await run_typed(tmp_path, task, [fenced(AS_LIST), fenced(AS_DICT)])
    assert outcome.status == "verified", outcome.remaining
    assert "return dict(sorted(totals.items()))" in outcome.changes[str(path)]
    retry = requests[1].body["messages"][-1]["content"]
    assert "`return sorted(totals.items())`: Incompatible return value type" in retry


async def test_an_answer_kept_after_the_question_stands(tmp_path: Path) -> None:
    path = project(tmp_path)
    task = Task("implement", path=str(path), symbol="group_totals")
    outcome, requests = await run_typed(tmp_path, task, [fenced(AS_LIST), fenced(AS_LIST)])
    assert outcome.status == "verified" and len(requests) == 2
    off = AgentSettings(run_examples=False, type_check=False)
    outcome, requests = await run_typed(tmp_path, task, [fenced(AS_LIST)], agent=off)
    assert outcome.status == "verified" and len(requests) == 1


TOO_MANY = AS_DICT.replace("parse_amount(row[value])", "parse_amount(row[value], 2)")


def test_errors_that_raise_whenever_the_line_runs() -> None:
    assert raises(problem("call-arg", 'Too many arguments for "parse_amount"'))
    assert raises(problem("attr-defined", '"Expense" has no attribute "amount"'))
    assert raises(problem("index", 'Value of type "int" is not indexable'))
    assert raises(problem("misc", 'Property "quantity" defined in "Batch" is read-only'))
    assert raises(problem("misc", '"Slot" object is not iterable'))
    # Types mypy may misread, and what it does not count at all:
    assert not raises(problem("arg-type", 'Argument 1 to "f" has incompatible type "str"; expected "int"'))
    assert not raises(problem("return-value", 'Incompatible return value type (got "int", expected "str")'))
    assert not raises(problem("index", 'Invalid index type "str" for "list[int]"; expected type "int"'))
    assert not raises(problem("attr-defined", 'Item "None" of "Slot | None" has no attribute "end"'))
    assert not raises(problem("misc", "Unused type: ignore comment"))


async def test_an_error_that_raises_fails_every_round_it_comes_back_in(tmp_path: Path) -> None:
    path = project(tmp_path)
    task = Task("implement", path=str(path), symbol="group_totals")
    # The return type is asked about once; the call with one argument too many, each time.
    outcome, requests = await run_typed(tmp_path, task, [fenced(AS_LIST), fenced(TOO_MANY), fenced(AS_DICT)])
    assert outcome.status == "verified", outcome.remaining
    assert "parse_amount(row[value])\n" in outcome.changes[str(path)]
    retry = requests[2].body["messages"][-1]["content"]
    assert 'Too many arguments for "parse_amount"' in retry
    outcome, _ = await run_typed(tmp_path, task, [fenced(AS_LIST), fenced(TOO_MANY), fenced(TOO_MANY)])
    assert outcome.status == "no-verified-fix" and not outcome.changes
    assert any('Too many arguments for "parse_amount"' in line for line in outcome.remaining)


async def test_the_same_failed_answer_twice_is_named_and_the_next_is_sampled(tmp_path: Path) -> None:
    path = project(tmp_path)
    task = Task("implement", path=str(path), symbol="group_totals")
    outcome, requests = await run_typed(tmp_path, task, [fenced(TOO_MANY), fenced(TOO_MANY), fenced(AS_DICT)])
    assert outcome.status == "verified", outcome.remaining
    first_retry = requests[1].body["messages"][-1]["content"]
    second_retry = requests[2].body["messages"][-1]["content"]
    assert "same code as your last one" not in first_retry
    assert "your reply is the same code as your last one" in second_retry
    assert 'Too many arguments for "parse_amount"' in second_retry
    assert requests[1].body.get("temperature", 0) == 0 and requests[2].body["temperature"] > 0


def test_missing_ruff_is_an_error_not_a_clean_lint(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_ruff(argv: list[str], **kwargs: object) -> subprocess.CompletedProcess[bytes]:
        return subprocess.CompletedProcess(argv, 1, b"", b"/usr/bin/python3: No module named ruff\n")

    monkeypatch.setattr(verify.subprocess, "run", no_ruff)
    with pytest.raises(LinterMissing, match="ruff is not installed"):
        ruff_problems("a.py", "x = 1\n", 5.0)


MODELS = """from dataclasses import dataclass


@dataclass(frozen=True)
class Slot:
    start: int
    end: int
"""
SLOTS = '''def parse_slot(text: str) -> tuple[int, int]:
    """'540-630' -> (540, 630)."""
    left, _, right = text.partition("-")
    return int(left), int(right)
'''
CALENDAR = """from .slots import parse_slot


def length(text: str) -> int:
    first, last = parse_slot(text)
    return last - first
"""
AS_SLOT = (
    "from .models import Slot\n\n\ndef parse_slot(text: str) -> Slot:\n"
    '    """\'540-630\' -> Slot(540, 630)."""\n'
    '    left, _, right = text.partition("-")\n    return Slot(int(left), int(right))'
)
USES_SLOT = "def length(text: str) -> int:\n    slot = parse_slot(text)\n    return slot.end - slot.start"


def slot_edit(root: Path, files: dict[str, str], instruction: str) -> Task:
    """The package `app` with `Slot` in app/models.py and `files`; an edit of `parse_slot`."""
    app_project(root, {"app/models.py": MODELS, **files})
    return Task("edit", instruction=instruction, path=str(root / "app" / "slots.py"), symbol="parse_slot")


async def test_a_caller_left_unpacking_the_old_tuple_is_sent_back(tmp_path: Path) -> None:
    instruction = "Make `parse_slot` return a `Slot` from app/models.py; update its callers."
    task = slot_edit(tmp_path, {"app/slots.py": SLOTS, "app/calendar.py": CALENDAR}, instruction)
    unchanged = CALENDAR.split("\n\n\n")[1].rstrip("\n")
    replies = [fenced(AS_SLOT), fenced(unchanged), fenced(USES_SLOT)]
    outcome, requests = await run_typed(tmp_path, task, replies)
    assert outcome.status == "verified", (outcome.message, outcome.remaining)
    assert "slot.end - slot.start" in outcome.changes[str(tmp_path / "app" / "calendar.py")]
    retry = requests[2].body["messages"][-1]["content"]
    assert '`first, last = parse_slot(text)`: "Slot" object is not iterable' in retry
    assert "use its attributes `.start`, `.end`" in retry


async def test_a_caller_unpacking_the_attributes_by_name_is_rewritten_by_the_harness(tmp_path: Path) -> None:
    calendar = CALENDAR.replace("first", "start").replace("last", "end")
    instruction = "Make `parse_slot` return a `Slot` from app/models.py; update its callers."
    task = slot_edit(tmp_path, {"app/slots.py": SLOTS, "app/calendar.py": calendar}, instruction)
    unchanged = calendar.split("\n\n\n")[1].rstrip("\n")
    outcome, requests = await run_typed(tmp_path, task, [fenced(AS_SLOT), fenced(unchanged)])
    assert outcome.status == "verified" and len(requests) == 2, (outcome.message, outcome.remaining)
    length = "    slot = parse_slot(text)\n    start, end = slot.start, slot.end\n    return end - start\n"
    assert outcome.changes[str(tmp_path / "app" / "calendar.py")].endswith(length)
    assert "function length: tuples unpacked from objects read by attribute by the harness" in outcome.units


SLOT_LIST = (
    SLOTS + "\n\ndef parse_slot_list(text: str) -> list[tuple[int, int]]:\n"
    '    """\'540-630, 700-800\' -> the slots."""\n'
    '    return [parse_slot(part) for part in text.split(",")]\n'
)
OPENING = """from .slots import parse_slot_list


def minutes_open(hours: str) -> int:
    return sum(b - a for a, b in parse_slot_list(hours))
"""
LIST_OF_SLOTS = (
    "def parse_slot_list(text: str) -> list[Slot]:\n"
    '    """\'540-630, 700-800\' -> the slots."""\n'
    '    return [parse_slot(part) for part in text.split(",")]'
)
OPEN_FIXED = "def minutes_open(hours: str) -> int:\n    return sum(s.end - s.start for s in parse_slot_list(hours))"


async def test_code_the_edit_did_not_visit_is_fixed_for_a_type_error_it_caused(tmp_path: Path) -> None:
    instruction = "Make `parse_slot` return a `Slot` from app/models.py."
    task = slot_edit(tmp_path, {"app/slots.py": SLOT_LIST, "app/opening.py": OPENING}, instruction)
    replies = [fenced(AS_SLOT), fenced(LIST_OF_SLOTS), fenced(OPEN_FIXED)]
    outcome, requests = await run_typed(tmp_path, task, replies)
    assert outcome.status == "verified", (outcome.message, outcome.remaining)
    assert "s.end - s.start" in outcome.changes[str(tmp_path / "app" / "opening.py")]
    assert outcome.units[-1] == "function minutes_open: a type error the edit caused, fixed"
    asked = requests[2].body["messages"][-1]["content"]
    said = '"Slot" object is not iterable (this task changed `def parse_slot_list(text: str) -> list[Slot]:`)'
    assert said + "; a `Slot` cannot be unpacked like a tuple: use its attributes `.start`, `.end`" in asked


async def test_code_the_edit_did_not_visit_is_rewritten_by_the_harness_when_names_match(tmp_path: Path) -> None:
    opening = OPENING.replace("b - a for a, b", "end - start for start, end")
    instruction = "Make `parse_slot` return a `Slot` from app/models.py."
    task = slot_edit(tmp_path, {"app/slots.py": SLOT_LIST, "app/opening.py": opening}, instruction)
    outcome, requests = await run_typed(tmp_path, task, [fenced(AS_SLOT), fenced(LIST_OF_SLOTS)])
    assert outcome.status == "verified" and len(requests) == 2, (outcome.message, outcome.remaining)
    fixed = "return sum(slot.end - slot.start for slot in parse_slot_list(hours))"
    assert fixed in outcome.changes[str(tmp_path / "app" / "opening.py")]
    assert outcome.units[-1] == "function minutes_open: a type error the edit caused, fixed by the harness"


async def test_no_type_repair_when_the_edit_breaks_nothing_or_the_check_is_off(tmp_path: Path) -> None:
    task = slot_edit(
        tmp_path, {"app/slots.py": SLOT_LIST, "app/opening.py": OPENING}, "Make `parse_slot` return a `Slot`."
    )
    same = SLOT_LIST.split("\n\n\n")
    outcome, requests = await run_typed(tmp_path, task, [fenced(same[0]), fenced(same[1])])
    # Nothing changed, so nothing is type-checked after the edit: no third request.
    assert outcome.status == "nothing-to-do" and len(requests) == 2
    off = AgentSettings(run_examples=False, type_check=False)
    replies = [fenced(AS_SLOT), fenced(LIST_OF_SLOTS)]
    outcome, requests = await run_typed(tmp_path, task, replies, agent=off)
    assert outcome.status == "verified" and len(requests) == 2
    assert str(tmp_path / "app" / "opening.py") not in outcome.changes


def test_an_error_about_a_class_s_object_names_what_it_has() -> None:
    source = (
        "from dataclasses import dataclass\n\n\n@dataclass\nclass Slot:\n    start: int\n    end: int\n"
        "    _cache: int = 0\n\n    @property\n    def duration(self) -> int:\n"
        "        return self.end - self.start\n\n\n"
        "class Room:\n    def __init__(self, name: str) -> None:\n        self.name = name\n"
        "        self.slots: list[Slot] = []\n"
    )
    assert class_members(source, "Slot") == ["start", "end", "duration"]
    assert class_members(source, "Room") == ["name", "slots"]
    assert class_members(source, "Gone") == [] and class_members("class (:", "Slot") == []

    def known(name: str) -> list[str]:
        return ["start", "end"] if name == "Slot" else []

    hint = member_hint('"Slot" object is not iterable', known)
    assert hint == "; a `Slot` cannot be unpacked like a tuple: use its attributes `.start`, `.end`"
    assert member_hint('"Slot" has no attribute "begin"', known) == "; a `Slot` has `.start`, `.end`"
    assert member_hint('"Other" object is not iterable', known) == ""
    assert member_hint("Incompatible return value type", known) == ""


BUCKET = """class Bucket:
    def __init__(self, rate: float) -> None:
        self.rate = rate
        self.tokens = rate


class Limiter:
    def __init__(self, rate: float) -> None:
        self.rate = rate
        self.buckets: dict[str, Bucket] = {}

    def bucket(self, key: str) -> Bucket:
        return self.buckets.setdefault(key, Bucket(self.rate))
"""
BUCKET_INIT = (
    "    def __init__(self, rate: float, burst: float | None = None) -> None:\n"
    "        self.rate = rate\n        self.tokens = rate if burst is None else burst"
)
LIMITER_BUCKET = (
    "    def bucket(self, key: str) -> Bucket:\n"
    "        return self.buckets.setdefault(key, Bucket(self.rate, self.burst))"
)
LIMITER_INIT = (
    "    def __init__(self, rate: float, burst: float | None = None) -> None:\n"
    "        self.rate = rate\n        self.burst = burst\n        self.buckets: dict[str, Bucket] = {}"
)


def burst_edit(root: Path) -> Task:
    app_project(root, {"app/limits.py": BUCKET})
    instruction = "Add a `burst` parameter to `Bucket.__init__`; give `Limiter` the same and pass it to its buckets."
    return Task("edit", instruction=instruction, path=str(root / "app" / "limits.py"), symbol="Bucket.__init__")


async def test_an_attribute_a_later_unit_of_the_edit_adds_is_not_asked_about(tmp_path: Path) -> None:
    # `Limiter.bucket` comes before `Limiter.__init__`: `self.burst` is missing only until then.
    replies = [fenced(BUCKET_INIT), fenced(LIMITER_BUCKET), fenced(LIMITER_INIT)]
    outcome, requests = await run_typed(tmp_path, burst_edit(tmp_path), replies)
    assert outcome.status == "verified" and len(requests) == 3, (outcome.message, outcome.remaining)
    assert "Bucket(self.rate, self.burst)" in outcome.changes[str(tmp_path / "app" / "limits.py")]
    events = [json.loads(line) for line in Path(outcome.trace or "").read_text().splitlines()]
    deferred = next(e for e in events if e["event"] == "type_errors_deferred")
    assert deferred["errors"] == ['"Limiter" has no attribute "burst"']


async def test_a_deferred_attribute_still_missing_after_the_edit_is_fixed_then(tmp_path: Path) -> None:
    unchanged = "    def __init__(self, rate: float) -> None:\n        self.rate = rate\n"
    unchanged += "        self.buckets: dict[str, Bucket] = {}"
    fixed = "    def bucket(self, key: str) -> Bucket:\n        return self.buckets.setdefault(key, Bucket(self.rate))"
    replies = [fenced(BUCKET_INIT), fenced(LIMITER_BUCKET), fenced(unchanged), fenced(fixed)]
    outcome, requests = await run_typed(tmp_path, burst_edit(tmp_path), replies)
    assert len(requests) == 4, (outcome.message, outcome.remaining)
    assert '"Limiter" has no attribute "burst"' in requests[3].body["messages"][-1]["content"]
    assert outcome.units[-1] == "method Limiter.bucket: a type error the edit caused, fixed"


def test_a_function_without_annotations_is_checked_too(tmp_path: Path) -> None:
    app_project(
        tmp_path,
        {"app/store.py": "from typing import TextIO\n\n\ndef load(stream: TextIO) -> str:\n    return stream.read()\n"},
    )
    test = tmp_path / "tests" / "test_store.py"
    app_project(
        tmp_path,
        {
            "tests/test_store.py": "from app.store import load\n\n\ndef test_load(tmp_path):\n"
            "    assert load(str(tmp_path)) == ''\n"
        },
    )
    verifier = Verifier(Workspace([str(tmp_path)]), AgentSettings())
    found = verifier.type_problems(str(test), test.read_text(), {}, tmp_path.parent / "mypy-cache")
    assert found is not None and [p.code for p in found if counted(p)] == ["arg-type"]
