"""An edit that makes shipped code import a test module is sent back, not accepted."""

from __future__ import annotations

from pathlib import Path

from test_agent_engine import fenced, run_scripted

from smallcode_ls.agent.tasks import Task
from smallcode_ls.agent.test_imports import added_test_imports
from smallcode_ls.graph import CodeGraph, IndexOptions, index_workspace

SLOTS = '''import datetime as dt


def first_slot(day: dt.date) -> dt.datetime:
    """Nine o'clock on `day`."""
    raise NotImplementedError
'''

HELPERS = """import datetime as dt


def at(day, hour=9):
    return dt.datetime(day.year, day.month, day.day, hour)


def test_at():
    assert at(dt.date(2026, 1, 5)).hour == 9
"""


def project(root: Path) -> CodeGraph:
    (root / "sched").mkdir()
    (root / "sched" / "__init__.py").write_text("")
    (root / "sched" / "slots.py").write_text(SLOTS)
    (root / "sched" / "util.py").write_text("def hours(n):\n    return n\n")
    (root / "tests").mkdir()
    (root / "tests" / "test_slots.py").write_text(HELPERS)
    (root / "tests" / "helpers.py").write_text("def at(day):\n    return day\n")
    graph = CodeGraph([str(root)])
    index_workspace(graph, IndexOptions(cache=False))
    return graph


def test_new_imports_of_test_modules_are_named(tmp_path: Path) -> None:
    graph = project(tmp_path)
    path = str(tmp_path / "sched" / "slots.py")
    candidate = "from test_slots import at\nimport tests.helpers\nfrom tests import helpers\n" + SLOTS
    found = added_test_imports(graph, path, SLOTS, candidate)
    assert len(found) == 3
    assert found[0].startswith("`from test_slots import at` imports the test file tests/test_slots.py")
    assert "`import tests.helpers`" in found[1] and "`from tests import helpers`" in found[2]


def test_production_imports_old_imports_and_test_files_pass(tmp_path: Path) -> None:
    graph = project(tmp_path)
    path = str(tmp_path / "sched" / "slots.py")
    ok = "from .util import hours\nfrom sched.util import hours as h\nimport os\n" + SLOTS
    assert added_test_imports(graph, path, SLOTS, ok) == []
    already = "from test_slots import at\n" + SLOTS
    assert added_test_imports(graph, path, already, already + "\n") == []  # the user's own choice
    assert added_test_imports(graph, path, SLOTS, "def broken(:\n") == []  # lint reports that
    test_file = str(tmp_path / "tests" / "test_slots.py")
    assert added_test_imports(graph, test_file, HELPERS, "from tests.helpers import at\n" + HELPERS) == []


def test_relative_import_reaching_a_test_package(tmp_path: Path) -> None:
    graph = project(tmp_path)
    (tmp_path / "sched" / "tests").mkdir()
    (tmp_path / "sched" / "tests" / "__init__.py").write_text("")
    (tmp_path / "sched" / "tests" / "fixtures.py").write_text("DAY = 1\n")
    graph = CodeGraph([str(tmp_path)])
    index_workspace(graph, IndexOptions(cache=False))
    path = str(tmp_path / "sched" / "slots.py")
    found = added_test_imports(graph, path, SLOTS, "from .tests.fixtures import DAY\n" + SLOTS)
    assert found and "sched/tests/fixtures.py" in found[0]


async def test_implement_sends_a_test_import_back(tmp_path: Path) -> None:
    project(tmp_path)
    body = 'def first_slot(day: dt.date) -> dt.datetime:\n    """Nine o\'clock on `day`."""\n'
    borrowed = "from test_slots import at\n\n\n" + body + "    return at(day)"
    own = body + "    return dt.datetime(day.year, day.month, day.day, 9)"
    task = Task("implement", path=str(tmp_path / "sched" / "slots.py"), symbol="first_slot")
    outcome, requests = await run_scripted(tmp_path, task, [fenced(borrowed), fenced(own)])
    assert outcome.status == "verified", outcome.remaining
    assert "test_slots" not in outcome.changes[str(tmp_path / "sched" / "slots.py")]
    assert "imports the test file tests/test_slots.py" in requests[1].body["messages"][-1]["content"]
