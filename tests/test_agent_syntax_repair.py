"""One-token syntax repairs: the candidates, and the harness mending a file with no model call."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes.scripted_server import ScriptedServer
from test_agent_engine import engine_for

from smallcode_ls.agent.syntax_repair import repairs
from smallcode_ls.agent.tasks import Task
from smallcode_ls.agent.verify import python_syntax_problem


def first_valid(text: str) -> str:
    problem = python_syntax_problem("m.py", text)
    assert problem is not None
    for candidate in repairs(text, problem.line, problem.message):
        if python_syntax_problem("m.py", candidate) is None:
            return candidate
    raise AssertionError("no candidate parses")


@pytest.mark.parametrize(
    ("broken", "mended"),
    [
        ("def toc(hs):\n    for h in hs\n        print(h)\n", "    for h in hs:\n"),
        ("def f(xs):\n    return [x for x in xs if x  # keep\n\n\ndef g():\n    return 1\n",
         "    return [x for x in xs if x]  # keep\n"),
        ('UNITS = {\n    "cup": 240,\n    "tbsp": 15\n    "tsp": 5,\n}\n', '    "tbsp": 15,\n'),
        ("class A:\n    def f(self):\n        x = 1\n      return x\n", "        return x\n"),
        ("def f(xs):\n    for x in xs:\n        y = x\n    break\n", "        break\n"),
    ],
)  # fmt: skip
def test_the_first_candidate_that_parses_is_the_mend(broken: str, mended: str) -> None:
    assert mended in first_valid(broken)


def test_a_comma_is_tried_only_when_python_suspects_one() -> None:
    text = "def f(a, b):\n    return a <= b\n  x = 1\n"
    problem = python_syntax_problem("m.py", text)
    assert problem is not None
    assert not any(line.endswith("b,") for c in repairs(text, problem.line, problem.message) for line in c.split("\n"))


@pytest.fixture(autouse=True)
def _quick_pytest(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")


async def test_the_harness_mends_a_dedented_return_without_the_model(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("")
    path = tmp_path / "pkg" / "bus.py"
    path.write_text(
        "class Bus:\n    def __init__(self):\n        self.subs = []\n\n"
        "    def matching(self, name):\n        found = [s for s in self.subs if s == name]\n"
        "    return found\n"
    )
    with ScriptedServer([]) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("fix", path=str(path)))
        await router.aclose()
    assert outcome.status == "verified", (outcome.message, outcome.remaining)
    assert "        return found\n" in outcome.changes[str(path)]
    assert not server.chat_requests()


TABLE_JS = """export function render(rows) {
  const lines = [];
  for (const cells of rows {
    lines.push(cells.join(" | "));
  }
  return lines.join("\\n");
}
"""


@pytest.mark.parametrize(
    ("name", "broken", "mended"),
    [
        ("table.js", TABLE_JS, "  for (const cells of rows) {\n"),
        ("sum.ts", "export function sum(xs: number[]): number {\n  return xs.reduce((a, b) => a + b, 0;\n}\n",
         "  return xs.reduce((a, b) => a + b, 0);\n"),
    ],
)  # fmt: skip
async def test_a_token_the_parser_names_as_missing_is_put_in_without_the_model(
    tmp_path: Path, name: str, broken: str, mended: str
) -> None:
    path = tmp_path / "src" / name
    path.parent.mkdir()
    path.write_text(broken)
    with ScriptedServer([]) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("fix", path=str(path)))
        await router.aclose()
    assert outcome.status == "verified", (outcome.message, outcome.remaining)
    assert mended in outcome.changes[str(path)]
    assert any("syntax mended by the harness" in unit for unit in outcome.units)
    assert not server.chat_requests()


async def test_a_missing_token_that_does_not_make_the_file_parse_goes_to_the_model(tmp_path: Path) -> None:
    path = tmp_path / "broken.js"
    path.write_text("export function f(a {\n  return a +;\n}\n")
    with ScriptedServer([]) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("fix", path=str(path)))
        await router.aclose()
    assert outcome.status != "verified"
    assert not any("syntax mended by the harness" in unit for unit in outcome.units)
