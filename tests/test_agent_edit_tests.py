"""An edit whose units each lint but whose whole change fails the tests is repaired where the tests
fail, instead of ending there."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_agent_engine import fenced, run_scripted

from smallcode_ls.agent.tasks import Task

CACHE_HEAD = """class Cache:
    def __init__(self):
        self.data = {}

    def get(self, key):
        if key not in self.data:
            raise KeyError(key)
        return self.data[key]
"""
CACHE = (
    CACHE_HEAD
    + """
    def __contains__(self, key):
        try:
            self.get(key)
        except KeyError:
            return False
        return True
"""
)

TESTS = """from app.cache import Cache


def test_in():
    c = Cache()
    c.data["a"] = 1
    assert "a" in c
    assert "b" not in c
"""

INSTRUCTION = (
    "Make `Cache.get` take an optional `default` (None when not given) and return it when the key is "
    "missing, instead of raising KeyError. Update the code that relied on the KeyError."
)
GET = "    def get(self, key, default=None):\n        return self.data.get(key, default)"
# `in` is no call the graph links a test to: only the whole edit's tests see this unit.
BROKEN_HAS = (
    "    def __contains__(self, key):\n        if self.get(key) is None:\n            raise KeyError(key)\n"
    "        return True"
)
FIXED_HAS = "    def __contains__(self, key):\n        return self.get(key) is not None"


@pytest.fixture(autouse=True)
def _quick_pytest(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")


def app_project(root: Path, files: dict[str, str]) -> None:
    """The package `app` and the other files given, by path relative to `root`."""
    for rel, text in {"app/__init__.py": "", **files}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)


def project(root: Path) -> Path:
    app_project(root, {"app/cache.py": CACHE, "tests/test_cache.py": TESTS})
    return root / "app" / "cache.py"


async def test_a_unit_the_edit_broke_is_fixed_from_the_failing_test(tmp_path: Path) -> None:
    path = project(tmp_path)
    task = Task("edit", instruction=INSTRUCTION, path=str(path), symbol="Cache.get")
    replies = [fenced(GET), fenced(BROKEN_HAS), fenced(FIXED_HAS)]
    outcome, requests = await run_scripted(tmp_path, task, replies)
    assert outcome.status == "verified", (outcome.message, outcome.remaining)
    new = outcome.changes[str(path)]
    assert "return self.data.get(key, default)" in new and "return self.get(key) is not None" in new
    assert "the tests failed on the whole edit: repairing where they fail" in outcome.units
    repair = requests[2].body["messages"][1]["content"]
    assert "a test fails here" in repair and "raise KeyError(key)" in repair


async def test_an_edit_that_passes_its_tests_runs_them_once(tmp_path: Path) -> None:
    path = project(tmp_path)
    task = Task("edit", instruction=INSTRUCTION, path=str(path), symbol="Cache.get")
    outcome, requests = await run_scripted(tmp_path, task, [fenced(GET), fenced(FIXED_HAS)])
    assert outcome.status == "verified", (outcome.message, outcome.remaining)
    assert len(requests) == 2 and "linked test" in outcome.message
    trace = Path(outcome.trace or "").read_text()
    assert trace.count('"event": "verify_all"') == 1 and '"edit_tests_failed"' not in trace


async def test_when_the_repair_fails_too_nothing_is_applied(tmp_path: Path) -> None:
    path = project(tmp_path)
    task = Task("edit", instruction=INSTRUCTION, path=str(path), symbol="Cache.get")
    replies = [fenced(GET), fenced(BROKEN_HAS)] + [fenced(BROKEN_HAS)] * 8
    outcome, _ = await run_scripted(tmp_path, task, replies)
    assert outcome.status == "no-verified-fix"
    assert outcome.changes == {} and path.read_text() == CACHE


SLOTS = '''def parse_slot(text):
    """'9-10' as (start, end) hours."""
    start, end = text.split("-")
    return int(start), int(end)
'''

SLOT_TESTS = """from app.slots import parse_slot


def test_parse_slot():
    assert parse_slot("9-10") == (9, 10)
"""


async def test_a_test_the_edit_rewrites_judges_the_whole_change_not_the_unit_before_it(tmp_path: Path) -> None:
    app_project(tmp_path, {"app/slots.py": SLOTS, "tests/test_slots.py": SLOT_TESTS})
    path = tmp_path / "app" / "slots.py"
    instruction = "Make `parse_slot` return a dict with `start` and `end` instead of a tuple; update the tests."
    new_parse = (
        'def parse_slot(text):\n    """\'9-10\' as start and end hours."""\n'
        '    start, end = text.split("-")\n    return {"start": int(start), "end": int(end)}'
    )
    new_test = 'def test_parse_slot():\n    assert parse_slot("9-10") == {"start": 9, "end": 10}'
    task = Task("edit", instruction=instruction, path=str(path), symbol="parse_slot")
    outcome, requests = await run_scripted(tmp_path, task, [fenced(new_parse), fenced(new_test)])
    assert outcome.status == "verified", (outcome.message, outcome.remaining)
    assert len(requests) == 2 and "1 linked test(s) pass" in outcome.message
    assert '{"start": 9, "end": 10}' in outcome.changes[str(tmp_path / "tests" / "test_slots.py")]


async def test_unless_the_instruction_changes_the_tests_they_judge_each_unit(tmp_path: Path) -> None:
    app_project(tmp_path, {"app/slots.py": SLOTS, "tests/test_slots.py": SLOT_TESTS})
    path = tmp_path / "app" / "slots.py"
    broken = 'def parse_slot(text):\n    """\'9-10\' as (start, end) hours."""\n    return tuple(text.split("-"))'
    fixed = SLOTS.rstrip("\n")
    task = Task("edit", instruction="Simplify `parse_slot`.", path=str(path), symbol="parse_slot")
    _, requests = await run_scripted(tmp_path, task, [fenced(broken)] + [fenced(fixed)] * 6)
    # The unit's own linked test judged its first answer.
    assert "tests failed" in requests[1].body["messages"][-1]["content"]
    assert "test_parse_slot" in requests[1].body["messages"][-1]["content"]
