"""Test spectra: the `smallcode_trace` pytest plugin, their ranking, and make-tests-pass using them
to find the code behind a wrong result that the failing test line does not name."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from fakes.scripted_server import Recorded, Reply, ScriptedServer, completion

from smallcode_ls.agent.engine import Engine
from smallcode_ls.agent.localize import FailureLocator
from smallcode_ls.agent.spectrum import read_spectrum
from smallcode_ls.agent.tasks import Task
from smallcode_ls.agent.verify import Verifier
from smallcode_ls.config import AgentSettings, EndpointSettings, Settings
from smallcode_ls.graph import CodeGraph, IndexOptions, index_workspace
from smallcode_ls.model.routing import Router
from smallcode_ls.workspace import Workspace

VERSIONS = '''def _compare_labels(a, b):
    """-1, 0 or 1 for two pre-release labels such as rc2 and rc10."""
    return (a > b) - (a < b)


def compare(a, b):
    main_a, _, label_a = a.partition("-")
    main_b, _, label_b = b.partition("-")
    if main_a != main_b:
        return (int(main_a) > int(main_b)) - (int(main_a) < int(main_b))
    return _compare_labels(label_a, label_b)


def older(a, b):
    return compare(a, b) < 0
'''

TESTS = """from app.versions import older


def test_release_order():
    assert older("1", "2")
    assert not older("3", "2")


def test_prerelease_numbers():
    assert older("1-rc2", "1-rc10")
"""

FIXED = '''def _compare_labels(a, b):
    """-1, 0 or 1 for two pre-release labels such as rc2 and rc10."""
    key_a = (a.rstrip("0123456789"), int(a[len(a.rstrip("0123456789")):] or 0))
    key_b = (b.rstrip("0123456789"), int(b[len(b.rstrip("0123456789")):] or 0))
    return (key_a > key_b) - (key_a < key_b)'''

TEST_CMD = f"{sys.executable} -m pytest -q -p no:cacheprovider tests"


@pytest.fixture(autouse=True)
def _quick_pytest(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")


def make_project(root: Path) -> None:
    (root / "app").mkdir()
    (root / "app" / "__init__.py").write_text("")
    (root / "app" / "versions.py").write_text(VERSIONS)
    (root / "tests").mkdir()
    (root / "tests" / "test_versions.py").write_text(TESTS)


def traced(root: Path, command: str, tmp: Path, files: list[str] | None = None):
    verifier = Verifier(Workspace([str(root)]), AgentSettings(), command)
    trace_dir = tmp / "trace"
    trace_dir.mkdir()
    verifier.traced_test_command({}, {}, str(trace_dir), files or [])
    return read_spectrum(str(trace_dir), str(root))


def test_the_function_only_the_failing_test_runs_ranks_first(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    make_project(root)
    spectrum = traced(root, TEST_CMD, tmp_path)
    assert spectrum is not None
    assert (spectrum.failing, spectrum.passing) == (1, 1)
    ranked = [r.qualname for r in spectrum.ranked() if r.path.endswith("versions.py")]
    assert ranked[0] == "_compare_labels"
    scores = {r.qualname: spectrum.score(r) for r in spectrum.ranked()}
    assert scores["_compare_labels"] == 1.0 and scores["compare"] < 1.0
    # The sandbox's paths map back onto the workspace.
    assert spectrum.ranked()[0].path.startswith(str(root))


def test_the_locator_puts_the_spectrum_before_the_test_line(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    make_project(root)
    spectrum = traced(root, TEST_CMD, tmp_path)
    graph = CodeGraph([str(root)])
    index_workspace(graph, IndexOptions(cache=False))
    locator = FailureLocator(Workspace([str(root)]), graph)
    done = subprocess.run(TEST_CMD, shell=True, cwd=root, capture_output=True, text=True)
    output = done.stdout + done.stderr
    assert locator.wrong_result(output)
    text = (root / "app" / "versions.py").read_text().split("\n")
    without = [text[line] for _, line in locator.suspects(output)]
    with_spectrum = [text[line] for _, line in locator.suspects(output, spectrum)]
    assert without[0].startswith("def older")
    assert with_spectrum[0].startswith("def _compare_labels")


def test_a_command_that_is_not_pytest_gives_no_spectrum(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    make_project(root)
    assert traced(root, f"{sys.executable} -c 'import sys; sys.exit(1)'", tmp_path) is None


def test_unreadable_trace_files_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "trace-1.json").write_text("{not json")
    (tmp_path / "trace-2.json").write_text('{"tests": {"t::a": {"failed": true, "functions": [["m.py", "f", 3, 2]]}}}')
    spectrum = read_spectrum(str(tmp_path), "/ws")
    assert spectrum is not None and spectrum.failing == 1
    assert [(r.path, r.qualname, r.line) for r in spectrum.ranked()] == [("/ws/m.py", "f", 2)]


async def test_make_tests_pass_fixes_the_helper_behind_a_wrong_result(tmp_path: Path) -> None:
    make_project(tmp_path)

    def reply(recorded: Recorded) -> Reply:
        prompt = recorded.body["messages"][1]["content"]
        return completion(f"```python\n{FIXED}\n```" if "Target: function _compare_labels" in prompt else "no idea")

    with ScriptedServer(reply) as server:
        config = Settings(model=EndpointSettings(endpoint=server.url, model="m"))
        graph = CodeGraph([str(tmp_path)])
        index_workspace(graph, IndexOptions(cache=False))
        router = Router(config)
        engine = Engine(Workspace([str(tmp_path)]), graph, router, config)
        outcome = await engine.run(Task("make-tests-pass", test_cmd=TEST_CMD))
        await router.aclose()
    assert outcome.status == "verified", (outcome.message, outcome.remaining)
    targets = [r.body["messages"][1]["content"].split("Target: ")[1].split(" in ")[0] for r in server.chat_requests()]
    assert targets == ["function _compare_labels"]


def test_tracing_keeps_to_the_failing_test_files_when_given(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    make_project(root)
    (root / "tests" / "test_other.py").write_text("def test_unrelated():\n    assert True\n")
    everything = traced(root, TEST_CMD, tmp_path)
    assert everything is not None and everything.passing == 2
    (tmp_path / "trace").rename(tmp_path / "first")
    only = traced(root, TEST_CMD, tmp_path, [str(root / "tests" / "test_versions.py")])
    assert only is not None and (only.failing, only.passing) == (1, 1)


def test_a_failing_test_named_after_a_function_points_at_it() -> None:
    from smallcode_ls.agent.localize import _failing_test_name, _named_after

    output = "____ test_other ____\n...\n____ TestCache.test_get_refreshes_recency[a] ____\nE  assert 1 == 2\n"
    name = _failing_test_name(output)
    assert name == "test_get_refreshes_recency"
    assert _named_after("LRUCache.get", name, 0.5) == 1.0
    assert _named_after("LRUCache.get", name, 0.0) == 0.0  # the test never ran it
    assert _named_after("LRUCache.get_many", name, 0.5) == 0.0
    assert _named_after("is_business_day", "test_is_business_day_skips_holidays", 0.3) == 1.0
    assert _named_after("day", "test_is_business_day_skips_holidays", 0.3) == 1.0
    assert _named_after("keys", name, 1.0) == 0.0
