"""Boundary flips (one comparison moved across its boundary) and end swaps (a sequence read from its
other end), kept only when the tests then pass."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from fakes.scripted_server import ScriptedServer, completion
from test_agent_engine import engine_for, ledger_project

from smallcode_ls.agent.mutations import boundary_mutants, end_mutants
from smallcode_ls.agent.tasks import Task


@pytest.fixture(autouse=True)
def _quick_pytest(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")


def changed_lines(before: str, after: str) -> list[str]:
    return [line for line in after.split("\n") if line not in before.split("\n")]


def test_each_comparison_is_flipped_once_and_strings_and_comments_are_left_alone() -> None:
    text = (
        "def f(a, b) -> bool:\n"
        '    """True when a < b."""\n'
        "    x = a <= b  # a < b here\n"
        '    return x and a > 0 and b >= len("<>") and (a >> 1) != 2\n'
    )
    flips = [changed_lines(text, m)[0].strip() for m in boundary_mutants(text, "python")]
    assert flips == [
        "x = a < b  # a < b here",
        'return x and a >= 0 and b >= len("<>") and (a >> 1) != 2',
        'return x and a > 0 and b > len("<>") and (a >> 1) != 2',
    ]


def test_javascript_arrows_shifts_and_templates_are_not_comparisons() -> None:
    text = "const f = (a) => a.length <= 3 ? `x<${a}` : 1 << 2; // a > b"
    assert boundary_mutants(text, "javascript") == ["const f = (a) => a.length < 3 ? `x<${a}` : 1 << 2; // a > b"]


def test_each_end_of_a_sequence_is_swapped_once_outside_strings_and_comments() -> None:
    js = (
        "  take() {\n    const lot = this.lots[this.lots.length - 1]; // lots[0]\n"
        '    const s = "q[0]";\n    return [lot, queue.pop(), rest.shift(), f()[0]];\n  }'
    )
    swapped = [changed_lines(js, m)[0].strip() for m in end_mutants(js, "javascript")]
    assert swapped == [
        "const lot = this.lots[0]; // lots[0]",
        "return [lot, queue.shift(), rest.shift(), f()[0]];",
        "return [lot, queue.pop(), rest.pop(), f()[0]];",
    ]
    py = 'def f(xs, q):\n    a = xs[-1]\n    b = q.popleft()\n    c = "xs[0]"\n    return xs.pop(0), {}[0], rows()[0]\n'
    swapped = [changed_lines(py, m)[0].strip() for m in end_mutants(py, "python")]
    assert swapped == [
        "a = xs[0]",
        "b = q.pop()",
        "return xs.pop(), {}[0], rows()[0]",
        "return xs.pop(0), {}[0], rows()[-1]",
    ]


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node")
async def test_make_tests_pass_serves_a_queue_from_its_front_without_the_model(tmp_path: Path) -> None:
    ledger_project(tmp_path, "this.lots[this.lots.length - 1]")
    with ScriptedServer([]) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("make-tests-pass", test_cmd="node --test tests/"))
        await router.aclose()
    assert outcome.status == "verified", (outcome.message, outcome.remaining)
    assert "const lot = this.lots[0];" in outcome.changes[str(tmp_path / "src" / "ledger.js")]
    assert server.chat_requests() == []


WINDOW = '''class Window:
    def __init__(self, size):
        self.size = size
        self.hits = []

    def expire(self, now):
        """Requests exactly `size` seconds old have expired."""
        self.hits = [t for t in self.hits if t > now - self.size]

    def count(self, now):
        self.expire(now)
        return len(self.hits)

    def too_old(self, t, now):
        return now - t > self.size
'''

TEST = """from app.window import Window


def test_a_hit_exactly_size_seconds_old_has_expired():
    w = Window(10)
    w.hits = [0, 5]
    assert w.count(10) == 1
"""


def make_window(root: Path) -> Path:
    (root / "app").mkdir()
    (root / "app" / "__init__.py").write_text("")
    (root / "app" / "window.py").write_text(WINDOW.replace("t > now - self.size", "t >= now - self.size"))
    (root / "tests").mkdir()
    (root / "tests" / "test_window.py").write_text(TEST)
    return root / "app" / "window.py"


async def test_make_tests_pass_flips_a_boundary_without_the_model(tmp_path: Path) -> None:
    path = make_window(tmp_path)
    with ScriptedServer([completion("no idea")] * 8) as server:
        engine, router = engine_for(tmp_path, server.url)
        command = f"{sys.executable} -m pytest -q -p no:cacheprovider tests"
        outcome = await engine.run(Task("make-tests-pass", test_cmd=command))
        await router.aclose()
    assert outcome.status == "verified", (outcome.message, outcome.remaining)
    assert outcome.changes[str(path)] == WINDOW
    assert server.chat_requests() == []


async def test_a_fix_in_words_flips_a_boundary_its_linked_test_catches(tmp_path: Path) -> None:
    path = make_window(tmp_path)
    with ScriptedServer([completion("no idea")] * 8) as server:
        engine, router = engine_for(tmp_path, server.url)
        task = Task("fix", path=str(path), line=5, instruction="a hit exactly size seconds old should have expired")
        outcome = await engine.run(task)
        await router.aclose()
    assert outcome.status == "verified", (outcome.message, outcome.remaining)
    assert outcome.changes[str(path)] == WINDOW
    assert server.chat_requests() == []


async def test_with_no_failing_test_the_words_go_to_the_model(tmp_path: Path) -> None:
    path = make_window(tmp_path)
    (tmp_path / "tests" / "test_window.py").write_text(TEST.replace("== 1", "== 2"))  # the bug, pinned
    with ScriptedServer([completion("no idea")] * 8) as server:
        engine, router = engine_for(tmp_path, server.url)
        task = Task("fix", path=str(path), line=5, instruction="a hit exactly size seconds old should have expired")
        outcome = await engine.run(task)
        await router.aclose()
    assert outcome.status == "no-verified-fix"
    assert len(server.chat_requests()) >= 1


def test_a_test_command_that_hangs_is_stopped_with_all_its_children(tmp_path: Path) -> None:
    # A mutant can make the tests loop forever: the run stops at its limit, and nothing it started
    # lives on (a shell's child would, killed alone).
    import time

    from smallcode_ls.agent.verify import Verifier
    from smallcode_ls.config import AgentSettings
    from smallcode_ls.workspace import Workspace

    marker = tmp_path / "child.pid"
    (tmp_path / "app.py").write_text("x = 1\n")
    command = f"{sys.executable} -c \"import subprocess, time; p = subprocess.Popen(['sleep', '60']); " \
        f"open('{marker}', 'w').write(str(p.pid)); time.sleep(60)\""  # fmt: skip
    verifier = Verifier(Workspace([str(tmp_path)]), AgentSettings(), command)
    started = time.monotonic()
    report = verifier.check({str(tmp_path / "app.py"): "x = 2\n"}, {str(tmp_path / "app.py"): "x = 1\n"}, [], timeout=2)
    assert not report.ok and "(stopped after 2 s)" in report.test_output
    assert time.monotonic() - started < 30
    child = int(marker.read_text())
    time.sleep(0.2)
    assert _state(child) in ("gone", "Z")  # killed (a zombie until something reaps it)


def _state(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return "gone"
