"""The OpenCode benchmark peer (bench/peer_opencode.py) runs the real `opencode` binary against the
scripted fake server: the model's edit tool call must change the file, offline, with the config the
runner writes. Skipped where `bash bench/setup_peers.sh` has not installed OpenCode."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest
from fakes.scripted_server import Recorded, Reply, ScriptedServer, stream

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import peer_opencode  # noqa: E402
from agents import Endpoint  # noqa: E402

pytestmark = pytest.mark.skipif(bool(peer_opencode.installed()), reason="OpenCode is not installed in bench/.opencode")

MODEL = "qwen2.5-coder-0.5b"


def _tool_call(name: str, args: dict[str, Any]) -> Reply:
    text = json.dumps(args)
    return stream([], tool_call=(name, [text[:15], text[15:]]), usage=(300, 40))


def _script(steps: list[Reply]) -> tuple[list[Recorded], Any]:
    """Agent requests (those with tools) take the next step; anything else gets a short text."""
    seen: list[Recorded] = []

    def reply(recorded: Recorded) -> Reply:
        if not (recorded.body or {}).get("tools"):
            return stream(["Benchmark"], usage=(20, 2))
        seen.append(recorded)
        return steps.pop(0) if steps else stream(["Done."], usage=(400, 3))

    return seen, reply


def test_opencode_fixes_the_file_through_its_edit_tool(tmp_path: Path) -> None:
    work = tmp_path / "repo"
    work.mkdir()
    (work / "calc.py").write_text("def double(x):\n    return x + x + x\n")
    task = {
        "id": "oc-fix",
        "kind": "fix",
        "instruction": "double() must return twice its argument.",
        "target": "calc.py",
        "line": 2,
    }
    seen, script = _script(
        [
            _tool_call("read", {"filePath": str(work / "calc.py")}),
            _tool_call("edit", {"filePath": str(work / "calc.py"), "oldString": "x + x + x", "newString": "2 * x"}),
            stream(["Fixed: double() now returns 2 * x."], usage=(500, 12)),
        ]
    )
    with ScriptedServer(script) as server:
        run = peer_opencode.opencode(task, work, Endpoint(server.url, MODEL, 8192), timeout=120)
        requests = list(server.requests)

    assert (work / "calc.py").read_text() == "def double(x):\n    return 2 * x\n"
    # OpenCode's own files (database, logs, snapshots) went to a temporary HOME; .ruff_cache is from _visible_errors.
    assert sorted(p.name for p in work.iterdir() if p.name != ".ruff_cache") == [".git", "calc.py"]
    assert run.error == ""
    assert run.rounds == 1  # nothing visible left to fix, so no second try
    assert (run.tokens_in, run.tokens_out) == (300 + 300 + 500, 40 + 40 + 12)
    # No title request (--title), no other route: only the agent's streamed chat completions.
    assert [r.path for r in requests] == ["/v1/chat/completions"] * 3
    first = seen[0].body
    assert first["model"] == MODEL and first["stream"] is True and first["temperature"] == 0
    assert first["max_tokens"] == peer_opencode.MAX_OUTPUT
    assert sorted(t["function"]["name"] for t in first["tools"]) == ["bash", "edit", "glob", "grep", "read", "write"]
    user = json.dumps(first["messages"][1:])
    assert "double() must return twice its argument. (the error is on line 2 of calc.py)" in user
    assert "return x + x + x" in user  # the target file is attached, as aider's chat has it
    assert "[edit completed" in run.log[0]


def test_opencode_gets_a_second_try_with_the_visible_errors(tmp_path: Path) -> None:
    work = tmp_path / "repo"
    work.mkdir()
    (work / "calc.py").write_text("def half(x):\n    return x * 2\n")
    task = {
        "id": "oc-retry",
        "kind": "fix",
        "instruction": "half() must return half its argument.",
        "target": "calc.py",
        "test_cmd": "python -c 'import calc; assert calc.half(8) == 4, calc.half(8)'",
    }
    path = str(work / "calc.py")
    seen, script = _script(
        [
            _tool_call("edit", {"filePath": path, "oldString": "x * 2", "newString": "x - 2"}),
            stream(["Done."], usage=(400, 3)),
            _tool_call("edit", {"filePath": path, "oldString": "x - 2", "newString": "x / 2"}),
            stream(["Done."], usage=(400, 3)),
        ]
    )
    with ScriptedServer(script) as server:
        run = peer_opencode.opencode(task, work, Endpoint(server.url, MODEL, 8192), timeout=120)

    assert (work / "calc.py").read_text() == "def half(x):\n    return x / 2\n"
    assert run.rounds == 2 and len(run.log) == 2
    second = json.dumps(seen[2].body["messages"][1:])  # a fresh session: no history from the first
    assert "half() must return half its argument.\\n\\nThese errors remain:" in second
    assert "AssertionError: 6" in second
    assert "x * 2" not in second and "return x - 2" in second  # the file attached as it is now


def test_opencode_answers_an_ask_task_with_the_plan_agent(tmp_path: Path) -> None:
    work = tmp_path / "repo"
    work.mkdir()
    (work / "shop.py").write_text("def total(items):\n    return sum(i.price for i in items)\n")
    task = {"id": "oc-ask", "kind": "ask", "instruction": "What does total() add up?", "target": "shop.py"}
    seen, script = _script(
        [
            _tool_call("grep", {"pattern": "def total"}),  # ripgrep from bench/.opencode, no download
            stream(["`total` in shop.py sums ", "the `price` of every item."], usage=(700, 15)),
        ]
    )
    with ScriptedServer(script) as server:
        run = peer_opencode.opencode(task, work, Endpoint(server.url, MODEL, 8192), timeout=120)

    assert run.answer == "`total` in shop.py sums the `price` of every item."
    assert run.error == ""
    assert (work / "shop.py").read_text() == "def total(items):\n    return sum(i.price for i in items)\n"
    assert len(seen) == 2
    grep_result = json.dumps(seen[1].body["messages"])
    assert "Found 1 matches" in grep_result and "ripgrep execution failed" not in grep_result
