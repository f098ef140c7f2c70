"""The agent loop end to end, with a scripted model on a real loopback server."""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fakes.scripted_server import Recorded, Reply, ScriptedServer, completion

from smallcode_ls.agent.engine import Engine
from smallcode_ls.agent.tasks import Outcome, Task
from smallcode_ls.config import AgentSettings, EndpointSettings, EscalationSettings, Settings
from smallcode_ls.graph import CodeGraph, IndexOptions, index_workspace
from smallcode_ls.model.routing import Router
from smallcode_ls.workspace import Workspace

STATS = '''import math


def mean(values):
    """Arithmetic mean."""
    return sum(values) / len(values)


def stdev(values):
    """Population standard deviation."""
    m = mean(values)
    return math.sqrt(sum((v - m) ** 2 for v in values) / len(nums))
'''

FIXED_STDEV = '''def stdev(values):
    """Population standard deviation."""
    m = mean(values)
    return math.sqrt(sum((v - m) ** 2 for v in values) / len(values))'''

TESTS = """from app.stats import mean, stdev


def test_mean():
    assert mean([1, 2, 3]) == 2


def test_stdev():
    assert stdev([2, 4, 4, 4, 5, 5, 7, 9]) == 2.0
"""


@pytest.fixture(autouse=True)
def _quick_pytest(monkeypatch: pytest.MonkeyPatch) -> None:
    # The sandboxed test runs inherit this: our own venv's pytest plugins (hypothesis, pytest-lsp)
    # take seconds to load and these little projects need none of them.
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")


def make_project(root: Path, stats: str = STATS) -> Path:
    (root / "app").mkdir(parents=True)
    (root / "app" / "__init__.py").write_text("")
    (root / "app" / "stats.py").write_text(stats)
    (root / "tests").mkdir()
    (root / "tests" / "test_stats.py").write_text(TESTS)
    return root / "app" / "stats.py"


def engine_for(root: Path, url: str, **settings: object) -> tuple[Engine, Router]:
    # The example call of an implemented stub is one more model request: off unless a test is about it.
    options: dict[str, object] = {
        "model": EndpointSettings(endpoint=url, model="m"),
        "agent": AgentSettings(run_examples=False),
    }
    options.update(settings)
    config = Settings(**options)  # type: ignore[arg-type]
    graph = CodeGraph([str(root)])
    index_workspace(graph, IndexOptions(cache=False))
    router = Router(config)
    return Engine(Workspace([str(root)]), graph, router, config), router


def fenced(code: str, lang: str = "python") -> str:
    return f"Here is the fix:\n```{lang}\n{code}\n```\n"


async def run_scripted(
    root: Path, task: Task, replies: list[str], **settings: object
) -> tuple[Outcome, list[Recorded]]:
    """Run `task` with a scripted model giving `replies` in order: the outcome and the chat requests."""
    with ScriptedServer([completion(r) for r in replies]) as server:
        engine, router = engine_for(root, server.url, **settings)
        outcome = await engine.run(task)
        await router.aclose()
    return outcome, server.chat_requests()


async def test_fix_undefined_name_is_verified_with_linked_tests(tmp_path: Path) -> None:
    path = make_project(tmp_path)
    with ScriptedServer([completion(fenced(FIXED_STDEV))]) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("fix", path=str(path)))
        await router.aclose()
    assert outcome.status == "verified", outcome.message
    assert outcome.message == "verified edit of 1 file(s): lints clean, 2 linked test(s) pass"
    assert outcome.changes[str(path)] == STATS.replace("len(nums)", "len(values)")
    assert path.read_text() == STATS  # the engine never writes
    prompt = server.chat_requests()[0].body["messages"][1]["content"]
    assert "Undefined name `nums`" in prompt
    assert "def stdev(values):" in prompt
    events = [json.loads(line) for line in Path(outcome.trace or "").read_text().splitlines()]
    verify = next(e for e in events if e["event"] == "verify")
    assert [stage[0] for stage in verify["stages"]] == ["lint", "tests"]  # the graph-linked test ran
    assert outcome.rounds == 1 and outcome.tokens_in > 0


async def test_errors_go_back_to_the_model_for_another_round(tmp_path: Path) -> None:
    path = make_project(tmp_path)
    wrong = FIXED_STDEV.replace("len(values)", "len(valuez)")
    with ScriptedServer([completion(fenced(wrong)), completion(fenced(FIXED_STDEV))]) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("fix", path=str(path), line=12))
        await router.aclose()
    assert outcome.status == "verified" and outcome.rounds == 2
    retry = server.chat_requests()[1].body["messages"]
    assert retry[2]["role"] == "assistant" and "valuez" in retry[2]["content"]
    assert "Undefined name `valuez`" in retry[3]["content"]
    # The first request is a prefix of the second: the server's prompt cache can reuse it.
    assert retry[:2] == server.chat_requests()[0].body["messages"]


async def test_a_failing_test_rejects_an_edit_that_lints(tmp_path: Path) -> None:
    path = make_project(tmp_path)
    lints_but_wrong = FIXED_STDEV.replace("/ len(values)", "/ (len(values) - 1)")
    script = [completion(fenced(lints_but_wrong)), completion(fenced(lints_but_wrong)), completion("no idea")]
    with ScriptedServer(script) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("fix", path=str(path)))
        await router.aclose()
    assert outcome.status == "no-verified-fix"
    assert any("tests failed" in r for r in outcome.remaining)
    assert "len(values) - 1" in outcome.best_attempt[str(path)]
    assert not outcome.changes


async def test_reply_without_code_is_asked_again(tmp_path: Path) -> None:
    path = make_project(tmp_path)
    script = [completion("I think the variable is misspelled."), completion(fenced(FIXED_STDEV))]
    with ScriptedServer(script) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("fix", path=str(path)))
        await router.aclose()
    assert outcome.status == "verified"
    assert "no code block" in server.chat_requests()[1].body["messages"][-1]["content"]


async def test_whole_file_reply_is_mapped_back_to_the_unit(tmp_path: Path) -> None:
    path = make_project(tmp_path)
    fixed = STATS.replace("len(nums)", "len(values)")
    whole_file = fixed.replace("Arithmetic mean.", "The mean (the model retouched this).")
    with ScriptedServer([completion(fenced(whole_file))]) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("fix", path=str(path)))
        await router.aclose()
    assert outcome.status == "verified", outcome.remaining
    # stdev is taken from the whole file; a fix changes nothing else, so the retouched `mean` is not taken.
    assert outcome.changes[str(path)] == fixed


async def test_missing_imports_are_added_by_the_harness(tmp_path: Path) -> None:
    path = make_project(tmp_path, STATS.replace("import math\n", "").replace("len(nums)", "len(values)"))
    (tmp_path / "app" / "report.py").write_text("def render():\n    return stdev([1.0, 2.0])\n")
    with ScriptedServer([]) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("fix", path=str(path)))
        second = await engine.run(Task("fix", path=str(tmp_path / "app" / "report.py")))
        await router.aclose()
    assert outcome.status == "verified", outcome.remaining
    assert outcome.changes[str(path)].startswith("import math\n")
    assert second.status == "verified", second.remaining
    assert second.changes[str(tmp_path / "app" / "report.py")].startswith("from app.stats import stdev\n")
    assert not server.chat_requests()  # no model call was needed


STUB = '''def slugify(title: str) -> str:
    """Lower-case words of `title` joined by single dashes; other characters dropped."""
    raise NotImplementedError


def shout(text):
    return text.upper() + "!"
'''

SLUG_TEST = """from app.text import slugify


def test_slugify():
    assert slugify("Hello, World!") == "hello-world"
"""

SLUG_IMPL = '''import re

def slugify(title: str) -> str:
    """Lower-case words of `title` joined by single dashes; other characters dropped."""
    return "-".join(re.findall(r"[a-z0-9]+", title.lower()))'''


async def test_implement_a_stub(tmp_path: Path) -> None:
    (tmp_path / "app").mkdir()
    path = tmp_path / "app" / "text.py"
    path.write_text(STUB)
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_text.py").write_text(SLUG_TEST)
    with ScriptedServer([completion(fenced(SLUG_IMPL))]) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("implement", path=str(path)))
        await router.aclose()
    assert outcome.status == "verified", outcome.remaining
    new = outcome.changes[str(path)]
    assert new.startswith("import re\n") and "re.findall" in new and "def shout" in new
    prompt = server.chat_requests()[0].body["messages"][1]["content"]
    assert "a stub" in prompt and 'slugify("Hello, World!")' in prompt  # the linked test, shown in full


async def test_implement_rejects_a_placeholder_answer(tmp_path: Path) -> None:
    (tmp_path / "text.py").write_text(STUB)
    stub_again = 'def slugify(title: str) -> str:\n    """Docs."""\n    pass'
    script = [completion(fenced(stub_again))] * 3
    with ScriptedServer(script) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("implement", path=str(tmp_path / "text.py"), symbol="slugify"))
        await router.aclose()
    assert outcome.status == "no-verified-fix"
    requests = server.chat_requests()
    assert "placeholder" in requests[1].body["messages"][-1]["content"]
    # A stub cannot be decomposed: it gets every round (3), sampled after the first placeholder answer.
    assert len(requests) == 3 and requests[1].body["temperature"] > 0


async def test_an_implementation_with_the_same_error_twice_gets_a_sampled_third_round(tmp_path: Path) -> None:
    (tmp_path / "text.py").write_text(STUB)
    wrong = 'def slugify(title: str) -> str:\n    """Docs."""\n    return "-".join(wrods)'
    right = 'def slugify(title: str) -> str:\n    """Docs."""\n    return "-".join(title.lower().split())'
    task = Task("implement", path=str(tmp_path / "text.py"), symbol="slugify")
    outcome, requests = await run_scripted(tmp_path, task, [fenced(wrong), fenced(wrong), fenced(right)])
    assert outcome.status == "verified" and outcome.rounds == 3
    assert requests[1].body.get("temperature", 0) == 0 and requests[2].body["temperature"] > 0


async def test_escalation_gets_the_narrowed_task_and_is_recorded(tmp_path: Path) -> None:
    path = make_project(tmp_path)
    local = [completion("no"), completion("still no")]
    with ScriptedServer(local) as small, ScriptedServer([completion(fenced(FIXED_STDEV))]) as big:
        engine, router = engine_for(
            tmp_path, small.url, escalation=EscalationSettings(endpoint=big.url, model="big", max_per_session=2)
        )
        outcome = await engine.run(Task("fix", path=str(path)))
        await router.aclose()
    assert outcome.status == "verified" and outcome.escalations == 1
    (record,) = router.records
    assert "fix of function stdev" in record.reason
    sent = big.chat_requests()[0].body["messages"]
    assert len(sent) == 2 and "def stdev(values):" in sent[1]["content"]  # the narrowed task, not the history


async def test_no_escalation_unless_configured(tmp_path: Path) -> None:
    path = make_project(tmp_path)
    with ScriptedServer([completion("no"), completion("no")]) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("fix", path=str(path)))
        await router.aclose()
    assert outcome.status == "no-verified-fix" and outcome.escalations == 0


async def test_several_errors_are_decomposed_one_at_a_time(tmp_path: Path) -> None:
    two_errors = STATS.replace("m = mean(values)", "m = average(values)")
    path = make_project(tmp_path, two_errors)
    fixed_one = FIXED_STDEV.replace("m = mean(values)", "m = average(values)")

    def script(recorded: Recorded) -> Reply:
        content = recorded.body["messages"][1]["content"]
        problems = content.split("Problems in the target:")[1]
        if "`nums`" in problems and "`average`" in problems:
            return completion("I am not sure.")  # both at once: too much for this model
        if "`nums`" in problems:
            return completion(fenced(fixed_one))
        return completion(fenced(FIXED_STDEV))

    with ScriptedServer(script) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("fix", path=str(path)))
        await router.aclose()
    assert outcome.status == "verified", outcome.remaining
    assert outcome.decompositions == 1
    assert outcome.changes[str(path)] == STATS.replace("len(nums)", "len(values)")


async def test_ask_answers_with_references_and_no_invented_names(tmp_path: Path) -> None:
    make_project(tmp_path)
    invented = "It calls `compute_variance()` and then `mean` (app/stats.py:4)."
    honest = "`stdev` calls `mean` (app/stats.py:4) and takes the square root with `math.sqrt`."
    with ScriptedServer([completion(invented), completion(honest)]) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("ask", instruction="What does stdev call?", symbol="stdev"))
        await router.aclose()
    assert outcome.status == "answered"
    assert "compute_variance" not in outcome.answer
    # The harness adds where `stdev` is (the model gave `mean`'s location, not its).
    assert outcome.answer.startswith(honest.replace("`stdev` calls", "`stdev` (app/stats.py:9) calls"))
    assert "app/stats.py:9 stdev" in outcome.answer
    second = server.chat_requests()[1].body["messages"][-1]["content"]
    assert "`compute_variance`" in second


async def test_ask_answers_get_the_location_of_each_symbol_they_name(tmp_path: Path) -> None:
    make_project(tmp_path)
    (tmp_path / "app" / "report.py").write_text("def mean(rows):\n    return rows\n")
    reply = (
        "`stdev` uses `mean()` (ambiguous: two of them), then `stdev` again, `test_stdev` in "
        "tests/test_stats.py, and:\n```python\nstdev([1])  # `stdev` here is code\n```"
    )
    with ScriptedServer([completion(reply)]) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("ask", instruction="What does stdev use?", symbol="stdev"))
        await router.aclose()
    answer = outcome.answer.split("\n\nCall graph:")[0]
    assert answer == reply.replace("`stdev` uses", "`stdev` (app/stats.py:9) uses")


async def test_ask_answers_get_the_name_of_each_location_they_cite_bare(tmp_path: Path) -> None:
    make_project(tmp_path)
    reply = (
        "The deviation is computed in app/stats.py:9, from the mean at app/stats.py:11; "
        "`mean` (app/stats.py:4) divides, app/stats.py:1 imports math."
    )
    with ScriptedServer([completion(reply)]) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("ask", instruction="How is stdev computed?", symbol="stdev"))
        await router.aclose()
    answer = outcome.answer.split("\n\nCall graph:")[0]
    assert answer == (
        "The deviation is computed in app/stats.py:9 (`stdev`), from the mean at app/stats.py:11 (in `stdev`); "
        "`mean` (app/stats.py:4) divides, app/stats.py:1 imports math."
    )


async def test_ask_gets_the_call_graph_of_the_symbol_as_facts(tmp_path: Path) -> None:
    make_project(tmp_path)
    (tmp_path / "app" / "report.py").write_text(
        "from app.stats import stdev\n\n\ndef spread(rows):\n    return stdev([r[1] for r in rows])\n\n\n"
        "def report(rows):\n    return spread(rows)\n"
    )
    added = "`spread` (app/report.py:4) takes the deviation of the second column."
    with ScriptedServer([completion("`stdev` calls `mean`."), completion(added)]) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("ask", instruction="What does stdev call?", symbol="stdev"))
        await router.aclose()
    assert outcome.status == "answered"
    prompt = server.chat_requests()[0].body["messages"][-1]["content"]
    facts = prompt.split("Facts from the code graph:\n")[1].split("\n\n")[0]
    assert facts.split("\n") == [
        "- `stdev` is defined at app/stats.py:9.",
        "- `stdev` calls: `mean` (app/stats.py:4).",
        "- `stdev` is called by: `spread` (app/report.py:4), `test_stdev` (tests/test_stats.py:8).",
        "- `spread` is called by: `report` (app/report.py:8).",  # who uses it, one step further
    ]
    # The reader gets the same facts under the answer, whatever the model's prose left out.
    assert outcome.answer.split("\n\nCode consulted:")[0].split("\n\nCall graph:\n")[1].split("\n") == [
        "- `stdev` (app/stats.py:9) calls `mean` (app/stats.py:4).",
        "- `stdev` (app/stats.py:9) is called by `spread` (app/report.py:4), `test_stdev` (tests/test_stats.py:8).",
        "- `spread` (app/report.py:4) is called by `report` (app/report.py:8).",
    ]
    # The answer left out the caller the facts gave: asked once more, the sentences go under it
    # (`stdev` gets its location; `test_stdev` is a test, and `report` is not what was asked).
    follow_up = server.chat_requests()[1].body["messages"]
    assert follow_up[-2] == {"role": "assistant", "content": "`stdev` calls `mean`."}
    assert follow_up[-1]["content"].startswith(
        "Your answer does not mention code that takes part in this:\n- `spread` (app/report.py:4; it calls `stdev`)\n\n"
    )
    assert outcome.answer.startswith(
        f"`stdev` (app/stats.py:9) calls `mean` (app/stats.py:4).\n\n{added}\n\nCall graph:"
    )


async def test_ask_facts_follow_the_callees_the_question_names_first(tmp_path: Path) -> None:
    helpers = "".join(f"def {n}(x):\n    return {n}_inner(x)\n\n\ndef {n}_inner(x):\n    return x\n\n\n" for n in "abc")
    (tmp_path / "table.py").write_text(
        helpers
        + "def width(x):\n    return len(x)\n\n\ndef column_widths(rows):\n    return [width(r) for r in rows]\n\n\n"
        "def render(rows):\n    return a(rows), b(rows), c(rows), column_widths(rows)\n"
    )
    with ScriptedServer([completion("`render` renders."), completion("`column_widths` measures.")]) as server:
        engine, router = engine_for(tmp_path, server.url)
        await engine.run(Task("ask", instruction="How does render decide how wide each column is?", symbol="render"))
        await router.aclose()
    prompt = server.chat_requests()[0].body["messages"][-1]["content"]
    assert "- `column_widths` calls: `width` (table.py:25)." in prompt
    assert "- `a` calls: `a_inner` (table.py:5)." in prompt and "- `c` calls" not in prompt
    # Asked about what the answer left out, what the question names first.
    follow_up = server.chat_requests()[1].body["messages"][-1]["content"]
    assert [line.split("`")[1] for line in follow_up.split("\n") if line.startswith("- ")] == [
        "column_widths",
        "a",
        "b",
        "c",
        "width",
    ]


async def test_ask_facts_give_the_constants_the_symbol_uses(tmp_path: Path) -> None:
    (tmp_path / "names.py").write_text(
        'MIN_LEN = 3\nMAX_LEN: int = 20\nRESERVED = frozenset({"admin", "root"})\nUNUSED = 1\n\n\n'
        "def check(name):\n    if not MIN_LEN <= len(name) <= MAX_LEN or name in RESERVED:\n"
        "        raise ValueError(name)\n    return name\n"
    )
    with ScriptedServer([completion("`check` checks the length."), completion("")]) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("ask", instruction="What does check enforce?", symbol="check"))
        await router.aclose()
    prompt = server.chat_requests()[0].body["messages"][-1]["content"]
    assert (
        "- `check` uses the constants: `MIN_LEN = 3` (names.py:1), `MAX_LEN = 20` (names.py:2), "
        '`RESERVED = frozenset({"admin", "root"})` (names.py:3).'
    ) in prompt
    # The answer named none of them: they are asked about; the empty reply adds nothing.
    follow_up = server.chat_requests()[1].body["messages"][-1]["content"]
    assert "- `MIN_LEN` (a constant `check` uses: `MIN_LEN = 3` (names.py:1))" in follow_up
    assert "- `RESERVED` (" in follow_up
    assert outcome.answer.split("\n\nCode consulted:")[0] == "`check` (names.py:7) checks the length."


async def test_ask_facts_name_a_method_reached_through_an_untyped_local(tmp_path: Path) -> None:
    (tmp_path / "entry.py").write_text("class Entry:\n    def is_stale(self, now):\n        return now > 5\n")
    (tmp_path / "store.py").write_text(
        "def get(entries, key, now):\n    entry = entries.get(key)\n    return entry is None or entry.is_stale(now)\n"
    )
    added = "`get` asks `Entry.is_stale` (entry.py:2) whether it is stale. Else it asks `fresh_enough()`."
    with ScriptedServer([completion("`get` looks the entry up."), completion(added)]) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("ask", instruction="When is an entry stale?", symbol="get"))
        await router.aclose()
    prompt = server.chat_requests()[0].body["messages"][-1]["content"]
    assert "- `get` calls: `Entry.is_stale` (entry.py:2)." in prompt
    assert "- `get` (store.py:1) calls `Entry.is_stale` (entry.py:2)." in outcome.answer
    # The sentence on what the answer left out is kept only for the names that exist.
    first = "`get` (store.py:1) looks the entry up.\n\n`get` asks `Entry.is_stale` (entry.py:2) whether it is stale."
    assert outcome.answer.startswith(first + "\n\nCall graph:")


async def test_edit_changes_a_symbol_and_its_callers(tmp_path: Path) -> None:
    (tmp_path / "net.py").write_text("def fetch(url):\n    return url\n\n\ndef main():\n    return fetch('x')\n")
    new_fetch = "def fetch(url, timeout=10):\n    return url"
    new_main = "def main():\n    return fetch('x', timeout=5)"
    with ScriptedServer([completion(fenced(new_fetch)), completion(fenced(new_main))]) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(
            Task("edit", instruction="add a timeout parameter to fetch() and pass 5 in main", symbol="fetch")
        )
        await router.aclose()
    assert outcome.status == "verified", outcome.remaining
    assert outcome.changes[str(tmp_path / "net.py")] == (
        "def fetch(url, timeout=10):\n    return url\n\n\ndef main():\n    return fetch('x', timeout=5)\n"
    )
    second = server.chat_requests()[1].body["messages"][1]["content"]
    assert "def fetch(url, timeout=10)" in second  # the caller's step sees the new signature


async def test_a_new_name_the_instruction_gives_is_asked_of_the_named_symbol_once(tmp_path: Path) -> None:
    (tmp_path / "net.py").write_text("def fetch(url):\n    return url\n\n\ndef main():\n    return fetch('x')\n")
    instruction = "Add a `timeout` parameter to `fetch` (default 10) and pass 5 in `main`."
    without = "def fetch(url, wait=10):\n    return url"  # the new name left out
    new_fetch = "def fetch(url, timeout=10):\n    return url"
    new_main = "def main():\n    return fetch('x', timeout=5)"
    replies = [fenced(without), fenced(new_fetch), fenced(new_main)]
    outcome, requests = await run_scripted(tmp_path, Task("edit", instruction=instruction, symbol="fetch"), replies)
    assert outcome.status == "verified" and len(requests) == 3, outcome.remaining
    assert "def fetch(url, timeout=10)" in outcome.changes[str(tmp_path / "net.py")]
    feedback = requests[1].body["messages"][-1]["content"]
    assert "the task asks for `timeout` in function fetch, but this version never uses it" in feedback
    # Asked once, and once more sampled when the same code comes back; then that answer stands
    # (and the caller is not asked about the name).
    (tmp_path / "again").mkdir()
    (tmp_path / "again" / "net.py").write_text((tmp_path / "net.py").read_text())
    replies = [fenced(without)] * 3 + [fenced("def main():\n    return fetch('x', wait=5)")]
    outcome, requests = await run_scripted(
        tmp_path / "again", Task("edit", instruction=instruction, symbol="fetch"), replies
    )
    assert outcome.status == "verified" and len(requests) == 4, outcome.remaining
    assert "def fetch(url, wait=10)" in outcome.changes[str(tmp_path / "again" / "net.py")]
    again = requests[2].body
    assert (
        again["temperature"] > 0
        and "your reply is the same code as before; the task asks for `timeout`" in (again["messages"][-1]["content"])
    )
    assert "same code as your last one" not in again["messages"][-1]["content"]  # said once, not twice


async def test_edit_takes_callers_the_graph_cannot_resolve_from_the_files_the_instruction_names(
    tmp_path: Path,
) -> None:
    (tmp_path / "cache.py").write_text(
        "class Cache:\n    def __init__(self):\n        self.data = {}\n\n"
        "    def get(self, key):\n        return self.data[key]\n"
    )
    (tmp_path / "resolver.py").write_text(
        "class Resolver:\n    def __init__(self, cache):\n        self.cache = cache\n\n"
        "    def resolve(self, name):\n        try:\n            return self.cache.get(name)\n"
        "        except KeyError:\n            return None\n\n"
        "    def names(self):\n        return []\n"
    )
    new_get = "    def get(self, key, default=None):\n        return self.data.get(key, default)"
    new_resolve = "    def resolve(self, name):\n        return self.cache.get(name)"
    with ScriptedServer([completion(fenced(new_get)), completion(fenced(new_resolve))]) as server:
        engine, router = engine_for(tmp_path, server.url)
        instruction = "Make Cache.get return a default instead of raising KeyError; update resolver.py."
        outcome = await engine.run(Task("edit", instruction=instruction, symbol="Cache.get"))
        await router.aclose()
    assert outcome.status == "verified", outcome.remaining
    targets = [r.body["messages"][1]["content"].split("Target: ")[1].split(" in ")[0] for r in server.chat_requests()]
    assert targets == ["method Cache.get", "method Resolver.resolve"]  # not `names`: it calls no `get`
    assert "return self.cache.get(name)\n" in outcome.changes[str(tmp_path / "resolver.py")]


async def test_a_new_constructor_parameter_reaches_the_named_class_that_builds_it_and_its_builders(
    tmp_path: Path,
) -> None:
    (tmp_path / "bucket.py").write_text(
        "class Bucket:\n    def __init__(self, rate):\n        self.capacity = rate\n\n\n"
        "class Limiter:\n    def __init__(self, rate):\n        self.rate = rate\n\n"
        "    def bucket(self):\n        return Bucket(self.rate)\n\n"
        "    def describe(self):\n        return f'{self.rate}/s'\n"
    )
    (tmp_path / "app.py").write_text("from bucket import Limiter\n\n\ndef make():\n    return Limiter(5)\n")
    replies = [
        "    def __init__(self, rate, burst=None):\n        self.capacity = rate if burst is None else burst",
        "    def bucket(self):\n        return Bucket(self.rate, self.burst)",
        "    def __init__(self, rate, burst=None):\n        self.rate = rate\n        self.burst = burst",
        "def make():\n    return Limiter(5, burst=10)",
    ]
    instruction = "Add a `burst` parameter to `Bucket.__init__`; give `Limiter` the same one, and pass 10 in app.py."
    task = Task("edit", instruction=instruction, symbol="Bucket.__init__")
    outcome, requests = await run_scripted(tmp_path, task, [fenced(r) for r in replies])
    assert outcome.status == "verified", outcome.remaining
    targets = [r.body["messages"][1]["content"].split("Target: ")[1].split(" in ")[0] for r in requests]
    # `Limiter.bucket` builds a Bucket; `Limiter` is named, so its constructor and `make` follow.
    assert targets == ["method Bucket.__init__", "method Limiter.bucket", "method Limiter.__init__", "function make"]
    assert "return Limiter(5, burst=10)" in outcome.changes[str(tmp_path / "app.py")]


async def test_a_failing_test_the_model_will_not_fix_is_narrowed_to_the_line_it_picks(tmp_path: Path) -> None:
    code = (
        'def total(values):\n    """Sum of the values."""\n    result = 0\n    for v in values:\n'
        "        result = result + len(str(v))\n    return result\n"
    )
    path = make_package(tmp_path, "app", {"stats": code}) / "stats.py"
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_stats.py").write_text(
        "from app.stats import total\n\n\ndef test_total():\n    assert total([10, 20]) == 30\n"
    )
    unchanged = code.strip("\n")
    window_fix = fenced("    for v in values:\n        result = result + v\n    return result")
    instruction = "test_total fails: total([10, 20]) is 4, not 30. Fix total."
    task = Task("fix", path=str(path), instruction=instruction, line=0)
    outcome, requests = await run_scripted(tmp_path, task, [fenced(unchanged), fenced(unchanged), "4", window_fix])
    assert outcome.status == "verified", outcome.remaining
    assert "        result = result + v\n" in outcome.changes[str(path)]
    assert outcome.decompositions == 1
    question = requests[2].body["messages"][-1]["content"]
    assert "  4:         result = result + len(str(v))" in question and "assert 4 == 30" in question
    window = requests[3].body["messages"][1]["content"]
    assert "Target: lines 4-6" in window and "The bug is on this line." in window


async def test_make_tests_pass_finds_the_failing_code(tmp_path: Path) -> None:
    # `* 2`, not `- 1`: an off-by-one the harness undoes on its own, with no model call.
    path = make_project(tmp_path, STATS.replace("len(nums)", "(len(values) * 2)"))
    cmd = f"{sys.executable} -m pytest -q tests"
    with ScriptedServer([completion(fenced(FIXED_STDEV))]) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("make-tests-pass", test_cmd=cmd))
        await router.aclose()
    assert outcome.status == "verified", outcome.remaining
    assert "len(values))" in outcome.changes[str(path)]
    prompt = server.chat_requests()[0].body["messages"][1]["content"]
    assert "a test fails here" in prompt and "def stdev" in prompt


RATES = """class UnknownRegion(Exception):
    pass


RATES = {"DE": {"books": 7, "food": 7}, "FR": {"books": 5}}


def rate_for(region, category):
    if region not in RATES:
        raise UnknownRegion(region)
    return RATES[region].get(category, 19)
"""

LINE_TAX = """from app.rates import rate_for


def line_tax(region, category, net):
    return net * rate_for(region.lower(), category) / 100
"""


async def test_make_tests_pass_fixes_the_caller_of_a_deliberate_raise(tmp_path: Path) -> None:
    make_project(tmp_path, STATS.replace("len(nums)", "len(values)"))
    (tmp_path / "app" / "rates.py").write_text(RATES)
    (tmp_path / "app" / "tax.py").write_text(LINE_TAX)
    (tmp_path / "tests" / "test_tax.py").write_text(
        "from app.tax import line_tax\n\n\ndef test_books():\n    assert line_tax('DE', 'books', 100) == 7\n"
    )
    fixed = "def line_tax(region, category, net):\n    return net * rate_for(region, category) / 100"
    cmd = f"{sys.executable} -m pytest -q tests"
    with ScriptedServer([completion(fenced(fixed))]) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("make-tests-pass", test_cmd=cmd))
        await router.aclose()
    assert outcome.status == "verified", (outcome.message, outcome.remaining)
    assert list(outcome.changes) == [str(tmp_path / "app" / "tax.py")]
    prompt = server.chat_requests()[0].body["messages"][1]["content"]
    assert "def line_tax" in prompt  # the caller, not `rate_for`, whose raise only reports the bad input


def node_project(root: Path, files: dict[str, str]) -> None:
    """An ES-module JavaScript project with these files (relative path -> text)."""
    (root / "package.json").write_text('{"type": "module"}\n')
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node")
async def test_make_tests_pass_reads_javascript_stacks(tmp_path: Path) -> None:
    stats = (
        "export function percentile(sorted, q) {\n"
        "  if (!(q >= 0 && q <= 1)) throw new RangeError(`bad fraction ${q}`);\n"
        "  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];\n}\n"
    )
    report = (
        'import { percentile } from "./stats.js";\n\n'
        "export function p95(values) {\n  return percentile([...values].sort((a, b) => a - b), 95);\n}\n"
    )
    test = (
        'import test from "node:test";\nimport assert from "node:assert/strict";\n'
        'import { p95 } from "../src/report.js";\n\n'
        'test("p95", () => {\n  assert.equal(p95([1, 2, 3, 4]), 4);\n});\n'
    )
    node_project(tmp_path, {"src/stats.js": stats, "src/report.js": report, "tests/report.test.js": test})
    fixed = "export function p95(values) {\n  return percentile([...values].sort((a, b) => a - b), 0.95);\n}"
    task = Task("make-tests-pass", test_cmd="node --test tests/")
    outcome, _ = await run_scripted(tmp_path, task, [fenced(fixed, "javascript")])
    assert outcome.status == "verified", (outcome.message, outcome.remaining)
    assert list(outcome.changes) == [str(tmp_path / "src" / "report.js")]  # the caller of the deliberate throw


def ledger_project(root: Path, take_newest: str) -> None:
    """A JS ledger whose `take` serves the newest lot (`take_newest`: how it reads it), and a node
    test that wants the oldest."""
    ledger = (
        "export class Ledger {\n  constructor() {\n    this.lots = [];\n  }\n\n"
        f"  take() {{\n    const lot = {take_newest};\n"
        "    this.lots.splice(this.lots.indexOf(lot), 1);\n    return lot;\n  }\n}\n"
    )
    test = (
        'import test from "node:test";\nimport assert from "node:assert/strict";\n'
        'import { Ledger } from "../src/ledger.js";\n\n'
        'test("take gives the oldest lot", () => {\n  const ledger = new Ledger();\n'
        '  ledger.lots.push("a", "b", "c");\n  assert.equal(ledger.take(), "a");\n});\n'
    )
    node_project(root, {"src/ledger.js": ledger, "tests/ledger.test.js": test})


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node")
async def test_make_tests_pass_shows_a_javascript_failure_and_takes_a_bare_method(tmp_path: Path) -> None:
    ledger_project(tmp_path, "this.lots.at(-1)")
    # A method on its own, as the model sends it: outside a class it would parse as a call and a block.
    fixed = "  take() {\n    const lot = this.lots[0];\n    this.lots.splice(0, 1);\n    return lot;\n  }"
    task = Task("make-tests-pass", test_cmd="node --test tests/")
    outcome, requests = await run_scripted(tmp_path, task, [fenced(fixed, "javascript")] * 3)
    assert outcome.status == "verified", (outcome.message, outcome.remaining)
    prompt = requests[0].body["messages"][1]["content"]
    assert "not ok 1 - take gives the oldest lot" in prompt and "expected: 'a'" in prompt
    assert 'The failing test (tests/ledger.test.js:5-8):\ntest("take gives the oldest lot"' in prompt


CACHE = """class Cache:
    def __init__(self):
        self.order = []

    def put(self, key):
        self.order.append(key)

    def get(self, key):
        return key in self.order

    def keys(self):
        return list(self.order)
"""

CACHE_TEST = """from app.cache import Cache


def test_recent_use_moves_to_the_end():
    cache = Cache()
    cache.put("a")
    cache.put("b")
    cache.get("a")
    assert cache.keys() == ["b", "a"]
"""


FIXED_GET = (
    "    def get(self, key):\n        if key in self.order:\n            self.order.remove(key)\n"
    "            self.order.append(key)\n            return True\n        return False"
)


async def _make_cache_tests_pass(root: Path, test_name: str) -> tuple[Outcome, list[Recorded]]:
    """make-tests-pass on the cache whose `get` forgets to refresh, with a model that can only fix
    `get`: the outcome and the requests it got."""
    make_project(root, STATS.replace("len(nums)", "len(values)"))
    (root / "app" / "cache.py").write_text(CACHE)
    (root / "tests" / "test_cache.py").write_text(CACHE_TEST.replace("test_recent_use_moves_to_the_end", test_name))

    def reply(recorded: Recorded) -> Reply:
        prompt = recorded.body["messages"][1]["content"]
        return completion(fenced(FIXED_GET) if "Target: method Cache.get" in prompt else "no idea")

    with ScriptedServer(reply) as server:
        engine, router = engine_for(root, server.url)
        outcome = await engine.run(Task("make-tests-pass", test_cmd=f"{sys.executable} -m pytest -q tests"))
        await router.aclose()
    return outcome, server.chat_requests()


async def test_make_tests_pass_suspects_what_the_test_called_before_the_failing_line(tmp_path: Path) -> None:
    outcome, requests = await _make_cache_tests_pass(tmp_path, "test_recent_use_moves_to_the_end")
    assert outcome.status == "verified", (outcome.message, outcome.remaining)
    targets = [r.body["messages"][1]["content"].split("Target: ")[1].split(" in ")[0] for r in requests]
    assert targets[0] == "method Cache.keys" and targets[-1] == "method Cache.get"
    # The class is small: the fix's context shows it whole, the target standing as its signature.
    first = requests[0].body["messages"][1]["content"]
    related = first.split("Target: ")[0]
    assert "    def put(self, key):\n        self.order.append(key)" in related
    assert "    def keys(self):\n        ...  # the target" in related
    assert first.count("return list(self.order)") == 1


async def test_make_tests_pass_tries_first_the_method_the_failing_test_is_named_after(tmp_path: Path) -> None:
    outcome, requests = await _make_cache_tests_pass(tmp_path, "test_get_moves_the_key_to_the_end")
    assert outcome.status == "verified", (outcome.message, outcome.remaining)
    assert len(requests) == 1


async def test_path_outside_the_workspace_is_refused(tmp_path: Path) -> None:
    make_project(tmp_path / "ws")
    (tmp_path / "outside.py").write_text("x = y\n")
    with ScriptedServer([]) as server:
        engine, router = engine_for(tmp_path / "ws", server.url)
        outcome = await engine.run(Task("fix", path=str(tmp_path / "outside.py")))
        await router.aclose()
    assert outcome.status == "failed" and "outside the workspace" in outcome.message
    assert not server.chat_requests()


def test_cli_fix_writes_the_verified_edit_and_reports_json(tmp_path: Path) -> None:
    path = make_project(tmp_path)
    with ScriptedServer([completion(fenced(FIXED_STDEV)), completion(fenced(FIXED_STDEV))]) as server:
        base = [sys.executable, "-m", "smallcode_ls.cli", "fix", "app/stats.py:13", "--path", str(tmp_path)]
        base += ["--endpoint", server.url, "--model", "m", "--json"]
        dry = subprocess.run([*base, "--dry-run"], capture_output=True, text=True, timeout=120)
        assert dry.returncode == 0, dry.stderr
        assert path.read_text() == STATS
        done = subprocess.run(base, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["status"] == "verified" and result["written"] == ["app/stats.py"]
    assert result["files_changed"] == ["app/stats.py"]
    assert {"rounds", "decompositions", "escalations", "tokens_in", "tokens_out", "seconds"} <= set(result)
    assert "+    return math.sqrt(sum((v - m) ** 2 for v in values) / len(values))" in result["diff"]
    assert path.read_text() == STATS.replace("len(nums)", "len(values)")


@pytest.mark.parametrize("reply", ["", "```python\ndef stdev(values):\n    return len(nums)\n```"])
def test_cli_no_verified_fix_leaves_the_file_alone(tmp_path: Path, reply: str) -> None:
    path = make_project(tmp_path)
    with ScriptedServer([completion(reply)] * 6) as server:
        argv = [sys.executable, "-m", "smallcode_ls.cli", "fix", "app/stats.py", "--path", str(tmp_path)]
        done = subprocess.run([*argv, "--endpoint", server.url, "--model", "m"], capture_output=True, text=True)
    assert done.returncode == 1
    assert "no verified fix" in done.stderr
    assert path.read_text() == STATS


def test_cli_time_limit_stops_the_run_and_writes_nothing(tmp_path: Path) -> None:
    path = make_project(tmp_path)
    first = completion(fenced("def stdev(values):\n    return len(nums)"), usage=(120, 30))
    slow = dataclasses.replace(completion(fenced(FIXED_STDEV)), delay=60.0)  # the fix comes too late
    with ScriptedServer([first, slow]) as server:
        argv = [sys.executable, "-m", "smallcode_ls.cli", "fix", "app/stats.py", "--path", str(tmp_path)]
        argv += ["--endpoint", server.url, "--model", "m", "--json", "--time-limit", "8"]
        done = subprocess.run(argv, capture_output=True, text=True, timeout=50)
    assert done.returncode == 1, done.stderr
    result = json.loads(done.stdout)
    assert result["status"] == "failed"
    assert result["message"].startswith("stopped at the time limit (8 s) after 2 round(s) and 120+30 tokens")
    assert (result["rounds"], result["tokens_in"], result["tokens_out"]) == (2, 120, 30)
    assert result["written"] == [] and result["diff"] == ""
    assert 8 <= result["seconds"] < 30
    assert path.read_text() == STATS


async def test_javascript_syntax_error_is_fixed(tmp_path: Path) -> None:
    path = tmp_path / "web" / "util.js"
    path.parent.mkdir()
    # Not one missing token (that the harness puts in itself): the model's to fix.
    path.write_text("export function add(a, b) {\n  return a + * b;\n}\n\nexport const one = 1;\n")
    fixed = "export function add(a, b) {\n  return a + b;\n}"
    with ScriptedServer([completion(fenced(fixed, "javascript"))]) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("fix", path=str(path)))
        await router.aclose()
    assert outcome.status == "verified", outcome.remaining
    assert outcome.changes[str(path)].startswith("export function add(a, b) {\n  return a + b;\n}")
    assert "syntax error" in server.chat_requests()[0].body["messages"][1]["content"]
    assert outcome.message.endswith("no test covers this change, so its behaviour is unchecked")


async def test_unsaved_buffers_are_what_gets_fixed_and_tested(tmp_path: Path) -> None:
    path = make_project(tmp_path, "def placeholder():\n    pass\n")
    # The editor holds the broken text; the disk has something else.
    buffers = {str(path): STATS}
    workspace = Workspace([str(tmp_path)], overlay=buffers.get, open_buffers=lambda: buffers)
    with ScriptedServer([completion(fenced(FIXED_STDEV))]) as server:
        config = Settings(model=EndpointSettings(endpoint=server.url, model="m"))
        graph = CodeGraph([str(tmp_path)])
        index_workspace(graph, IndexOptions(cache=False))
        router = Router(config)
        outcome = await Engine(workspace, graph, router, config).run(Task("fix", path=str(path)))
        await router.aclose()
    assert outcome.status == "verified", outcome.remaining
    assert outcome.before[str(path)] == STATS
    assert outcome.changes[str(path)] == STATS.replace("len(nums)", "len(values)")


def test_history_is_trimmed_to_the_window() -> None:
    from smallcode_ls.agent.engine import _fit_history

    big = "x " * 3000
    messages = [
        {"role": "system", "content": "s"},
        {"role": "user", "content": "task"},
        {"role": "assistant", "content": big},
        {"role": "user", "content": "round 1 errors"},
        {"role": "assistant", "content": "short"},
        {"role": "user", "content": "round 2 errors"},
    ]
    assert _fit_history(messages, 100_000) == messages
    assert [m["content"] for m in _fit_history(messages, 500)] == ["s", "task", "short", "round 2 errors"]
    folded = _fit_history(messages[:4], 500)
    assert len(folded) == 2 and folded[1]["content"] == "task\n\nround 1 errors"


async def test_edit_creates_a_new_test_file_and_runs_it(tmp_path: Path) -> None:
    make_project(tmp_path, STATS.replace("len(nums)", "len(values)"))
    new_test = "from app.stats import mean\n\n\ndef test_mean_of_one():\n    assert mean([5]) == 5\n"
    target = tmp_path / "tests" / "test_mean_more.py"
    with ScriptedServer([completion(fenced(new_test))]) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("edit", instruction="write a test for mean", files=[str(target)]))
        await router.aclose()
    assert outcome.status == "verified", outcome.remaining
    assert outcome.changes[str(target)] == new_test
    prompt = server.chat_requests()[0].body["messages"][1]["content"]
    assert "the new file tests/test_mean_more.py" in prompt and "def mean(values)" in prompt
    events = [json.loads(line) for line in Path(outcome.trace or "").read_text().splitlines()]
    assert [s[0] for s in next(e for e in events if e["event"] == "verify")["stages"]] == ["lint", "tests"]


async def test_fix_in_words_when_no_linter_sees_the_problem(tmp_path: Path) -> None:
    path = make_project(tmp_path, STATS.replace("len(nums)", "(len(values) * 2)"))
    cmd = f"{sys.executable} -m pytest -q -p no:cacheprovider tests"
    with ScriptedServer([completion(fenced(FIXED_STDEV))]) as server:
        engine, router = engine_for(tmp_path, server.url)
        task = Task("fix", path=str(path), line=9, instruction="test_stdev fails: stdev divides by 2n", test_cmd=cmd)
        engine.verifier.test_cmd = cmd
        outcome = await engine.run(task)
        await router.aclose()
    assert outcome.status == "verified", outcome.remaining
    prompt = server.chat_requests()[0].body["messages"][1]["content"]
    assert "test_stdev fails: stdev divides by 2n" in prompt and "def stdev" in prompt


async def test_a_typo_with_one_near_spelling_is_fixed_by_the_harness(tmp_path: Path) -> None:
    path = make_project(tmp_path, STATS.replace("len(nums)", "len(valeus)"))
    with ScriptedServer([]) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("fix", path=str(path)))
        await router.aclose()
    assert outcome.status == "verified", outcome.remaining
    assert outcome.changes[str(path)] == STATS.replace("len(nums)", "len(values)")
    assert not server.chat_requests() and outcome.rounds == 0


async def test_a_shortened_name_is_respelt_to_the_one_longer_function_and_imported(tmp_path: Path) -> None:
    stats = STATS.replace("import math\n", "import math\n\n\ndef to_mean(values):\n    return mean(values)\n")
    path = make_project(
        tmp_path, stats.replace("return math.sqrt(", "return root_of(").replace("len(nums)", "len(values)")
    )
    (tmp_path / "app" / "maths.py").write_text("import math\n\n\ndef square_root_of(x):\n    return math.sqrt(x)\n")
    (tmp_path / "app" / "other.py").write_text("def rootof(n):\n    return n\n")  # not the words `root_of`
    with ScriptedServer([]) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("fix", path=str(path)))
        await router.aclose()
    assert outcome.status == "verified", outcome.remaining
    fixed = outcome.changes[str(path)]
    assert "from app.maths import square_root_of" in fixed and "return square_root_of(" in fixed
    assert not server.chat_requests()


async def test_a_shortened_name_with_two_longer_candidates_is_left_to_the_model(tmp_path: Path) -> None:
    path = make_project(
        tmp_path, STATS.replace("return math.sqrt(", "return root_of(").replace("len(nums)", "len(values)")
    )
    (tmp_path / "app" / "maths.py").write_text(
        "def square_root_of(x):\n    return x\n\n\ndef cube_root_of(x):\n    return x\n"
    )
    with ScriptedServer([completion("no idea")] * 6) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("fix", path=str(path)))
        await router.aclose()
    assert outcome.status != "verified" and server.chat_requests()


MONEY = '''from decimal import Decimal


def cents(value):
    """Round to the cent."""
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def is_zero(value):
    return value is 0
'''


async def test_standard_names_and_ruff_fixable_problems_are_fixed_by_the_harness(tmp_path: Path) -> None:
    path = make_project(tmp_path, MONEY)
    with ScriptedServer([]) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("fix", path=str(path)))
        await router.aclose()
    assert outcome.status == "verified", outcome.remaining
    fixed = outcome.changes[str(path)]
    assert "from decimal import ROUND_HALF_UP" in fixed and "return value == 0" in fixed
    assert not server.chat_requests()


async def test_a_lowercase_standard_name_used_as_a_value_is_not_imported(tmp_path: Path) -> None:
    path = make_project(tmp_path, "def total(items):\n    return count + len(items)\n")
    with ScriptedServer([completion("no idea")] * 6) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("fix", path=str(path)))
        await router.aclose()
    assert outcome.status != "verified" and server.chat_requests()  # not `from itertools import count`


async def test_an_unchanged_reply_is_retried_with_sampling(tmp_path: Path) -> None:
    path = make_project(tmp_path)
    unchanged = FIXED_STDEV.replace("len(values))", "len(nums))")
    with ScriptedServer([completion(fenced(unchanged)), completion(fenced(FIXED_STDEV))]) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("fix", path=str(path)))
        await router.aclose()
    assert outcome.status == "verified"
    first, second = (r.body for r in server.chat_requests())
    assert first["temperature"] == 0.0 and second["temperature"] == 0.7
    assert "the same code as before" in second["messages"][-1]["content"]


def make_package(root: Path, name: str, modules: dict[str, str]) -> Path:
    """A package `name` under `root` with an empty `__init__.py` and the given modules."""
    package = root / name
    package.mkdir()
    (package / "__init__.py").write_text("")
    for module, text in modules.items():
        (package / f"{module}.py").write_text(text)
    return package


async def test_an_undefined_name_silenced_by_a_placeholder_is_refused(tmp_path: Path) -> None:
    values = 'def coerce(raw):\n    """Type a raw value."""\n    return int(raw) if raw.isdigit() else raw\n'
    loader = make_package(tmp_path, "app", {"values": values}) / "loader.py"
    loader.write_text("from . import values\n\n\ndef parse(text):\n    return [parse_value(t) for t in text.split()]\n")
    placeholder = (
        "def parse(text):\n    def parse_value(raw):\n        pass\n\n    return [parse_value(t) for t in text.split()]"
    )
    real = "def parse(text):\n    return [values.coerce(t) for t in text.split()]"
    with ScriptedServer([completion(fenced(placeholder)), completion(fenced(real))]) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("fix", path=str(loader)))
        await router.aclose()
    assert outcome.status == "verified" and outcome.rounds == 2
    assert "values.coerce(t)" in outcome.changes[str(loader)]
    first, second = (r.body["messages"] for r in server.chat_requests())
    # No name is spelt like `parse_value`: the prompt offers what the imported module has.
    assert "`values` (imported here) has `values.coerce(raw)`: Type a raw value." in first[1]["content"]
    assert "`parse_value` is new and only a placeholder" in second[-1]["content"]


GRAPH_ERRORS = 'class GraphError(Exception):\n    """Base class."""\n\n\n'


async def fix_missing_error(
    tmp_path: Path, errors: str, missing: str, replies: list[str]
) -> tuple[Path, Outcome, list[Recorded]]:
    """graphs/paths.py raising the undefined `missing`, which the model (first two `replies`) sends
    back unchanged: the file, the outcome of its fix and the chat requests."""
    paths = make_package(tmp_path, "graphs", {"errors": GRAPH_ERRORS + errors}) / "paths.py"
    body = f"def shortest_path(dist, start, goal):\n    if goal not in dist:\n        raise {missing}(start, goal)\n"
    paths.write_text("from . import errors\n\n\n" + body + "    return dist[goal]\n")
    echo = fenced(body + "    return dist[goal]")
    outcome, requests = await run_scripted(tmp_path, Task("fix", path=str(paths)), [echo, echo, *replies])
    return paths, outcome, requests


async def test_an_undefined_name_the_model_will_not_fix_becomes_a_choice(tmp_path: Path) -> None:
    unreachable = 'class Unreachable(GraphError):\n    """Raised when nothing connects the two nodes."""\n'
    paths, outcome, requests = await fix_missing_error(tmp_path, unreachable, "Missing", ["2"])
    assert outcome.status == "verified", outcome.remaining
    assert "raise errors.Unreachable(start, goal)" in outcome.changes[str(paths)]
    assert outcome.decompositions == 1
    ask = requests[2].body["messages"][-1]["content"]
    assert "1. `errors.GraphError` (class): Base class." in ask
    assert "2. `errors.Unreachable` (class): Raised when nothing connects" in ask


async def test_a_choice_that_alone_shares_the_name_s_words_is_taken_unasked(tmp_path: Path) -> None:
    errors = (
        'class Unreachable(GraphError):\n    """There is no path from `start` to `goal`."""\n\n\n'
        'class CycleError(GraphError):\n    """A topological order was asked of a graph with a cycle."""\n'
    )
    paths, outcome, requests = await fix_missing_error(tmp_path, errors, "NoPath", [])
    # "no path", `start` and `goal`: no question, where a 0.5B model had answered CycleError.
    assert outcome.status == "verified", outcome.remaining
    assert "raise errors.Unreachable(start, goal)" in outcome.changes[str(paths)]
    assert len(requests) == 2 and outcome.decompositions == 1


async def test_none_of_the_choices_leaves_the_name_to_the_next_step(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text("def helper():\n    return 1\n\n\ndef f():\n    return missing_thing()\n")
    echo = fenced("def f():\n    return missing_thing()")
    with ScriptedServer([completion(echo), completion(echo), completion("0")] + [completion("no")] * 4) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("fix", path=str(tmp_path / "m.py")))
        await router.aclose()
    assert outcome.status != "verified"
    assert "0. none of them" in server.chat_requests()[2].body["messages"][-1]["content"]


async def test_a_capitalised_undefined_name_is_offered_the_imported_modules_classes_first(tmp_path: Path) -> None:
    bbox = (
        "class Box:\n    def __init__(self, x0, y0, x1, y1):\n        self.corners = (x0, y0, x1, y1)\n\n\n"
        'def around(x, y, r):\n    """The box of a circle."""\n    return Box(x - r, y - r, x + r, y + r)\n'
    )
    shapes = make_package(tmp_path, "geo", {"bbox": bbox}) / "shapes.py"
    fixed = "def bounds(xs, ys):\n    return bbox.Box(min(xs), min(ys), max(xs), max(ys))"
    shapes.write_text("from . import bbox\n\n\n" + fixed.replace("bbox.Box", "BoundingBox") + "\n")
    with ScriptedServer([completion(fenced(fixed))]) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("fix", path=str(shapes)))
        await router.aclose()
    assert outcome.status == "verified"
    prompt = server.chat_requests()[0].body["messages"][1]["content"]
    assert "`bbox` (imported here) has `bbox.Box` (class); `bbox.around(x, y, r)`: The box of a circle." in prompt


BUCKET = '''class Bucket:
    def __init__(self, capacity: float) -> None:
        self.capacity = capacity
        self.tokens = capacity
        self.updated = 0.0

    def _refill(self, now: float) -> None:
        self.tokens = min(self.capacity, self.tokens + (now - self.updated))
        self.updated = now

    def take(self, now: float) -> bool:
        """Take one token at time `now`: refill with `_refill(now)` first, then take it if there is one."""
        raise NotImplementedError
'''
INLINE_TAKE = '''    def take(self, now: float) -> bool:
        """Take one token at time `now`: refill with `_refill(now)` first, then take it if there is one."""
        self.tokens = min(self.capacity, self.tokens + now)
        return self.tokens >= 1'''
REFILL_TAKE = '''    def take(self, now: float) -> bool:
        """Take one token at time `now`: refill with `_refill(now)` first, then take it if there is one."""
        self._refill(now)
        if self.tokens < 1:
            return False
        self.tokens -= 1
        return True'''


async def test_an_implementation_that_ignores_a_name_its_docstring_points_to_gets_one_more_round(
    tmp_path: Path,
) -> None:
    path = tmp_path / "bucket.py"
    path.write_text(BUCKET)
    task = Task("implement", path=str(path), symbol="Bucket.take")
    outcome, requests = await run_scripted(tmp_path, task, [fenced(INLINE_TAKE), fenced(REFILL_TAKE)])
    assert outcome.status == "verified" and outcome.rounds == 2
    assert "self._refill(now)" in outcome.changes[str(path)]
    feedback = requests[1].body["messages"][-1]["content"]
    where = "`_refill(self, now: float) -> None`, bucket.py:7"
    assert f"the docstring points to `_refill` ({where}), but the code never uses it" in feedback


async def test_an_implementation_that_still_ignores_the_name_stands_when_nothing_better_comes(
    tmp_path: Path,
) -> None:
    path = tmp_path / "bucket.py"
    path.write_text(BUCKET)
    task = Task("implement", path=str(path), symbol="Bucket.take")
    outcome, requests = await run_scripted(tmp_path, task, [fenced(INLINE_TAKE), "I cannot", "no"])
    # Asked once; the lint-clean first answer is kept rather than lost.
    assert outcome.status == "verified"
    assert "self.tokens + now" in outcome.changes[str(path)]
    assert len(requests) == 3


SETTINGS = '''class ConfigError(ValueError):
    pass


def _split(line: str) -> tuple[str, str]:
    if "=" not in line:
        raise ConfigError(line)
    key, _, value = line.partition("=")
    return key.strip(), value.strip()


def parse(text: str) -> dict[str, str]:
    """Settings from `key = value` lines; a line without '=' raises ConfigError."""
    raise NotImplementedError
'''


async def test_an_implementation_that_never_raises_the_documented_error_is_asked_once(tmp_path: Path) -> None:
    path = tmp_path / "settings.py"
    path.write_text(SETTINGS)
    doc = '    """Settings from `key = value` lines; a line without \'=\' raises ConfigError."""\n'
    silent = (
        "def parse(text: str) -> dict[str, str]:\n"
        + doc
        + ("    return {k.strip(): v.strip() for k, _, v in (x.partition('=') for x in text.splitlines())}")
    )
    # The helper raises it: calling the helper is raising it.
    helper = "def parse(text: str) -> dict[str, str]:\n" + doc + "    return dict(_split(x) for x in text.splitlines())"
    task = Task("implement", path=str(path), symbol="parse")
    outcome, requests = await run_scripted(tmp_path, task, [fenced(silent), fenced(helper)])
    assert outcome.status == "verified" and outcome.rounds == 2
    assert "_split(x)" in outcome.changes[str(path)]
    feedback = requests[1].body["messages"][-1]["content"]
    assert "the docstring says `ConfigError` is raised, but the code never raises it" in feedback


SERIES = '''class Series:
    def __init__(self, values: list[float]) -> None:
        self.values = list(values)

    def spread(self) -> float:
        """Largest minus smallest (400 for 100, 500, 300); raises ValueError when empty."""
        raise NotImplementedError
'''
SPREAD_DOC = '        """Largest minus smallest (400 for 100, 500, 300); raises ValueError when empty."""\n'


def spread(values: str) -> str:
    """`Series.spread` as a model might write it, reading the values from `self.<values>`. mypy
    names `self.items` before any example runs: the example tests turn the type check off."""
    head = "    def spread(self) -> float:\n" + SPREAD_DOC
    return (
        head
        + "        if not self.values:\n            raise ValueError('empty')\n"
        + (f"        return max(self.{values}) - min(self.{values})")
    )


async def test_an_example_call_that_crashes_in_the_new_code_gets_one_more_round(tmp_path: Path) -> None:
    path = make_package(tmp_path, "calc", {"stats": SERIES}) / "stats.py"
    crashing, right = spread("items"), spread("values")
    example = (
        "```python\nfrom calc.stats import Series\nprint(Series([1, 5, 3]).spread())\nprint(Series([]).spread())\n```"
    )
    task = Task("implement", path=str(path), symbol="Series.spread")
    outcome, requests = await run_scripted(
        tmp_path, task, [fenced(crashing), example, fenced(right)], agent=AgentSettings(type_check=False)
    )
    assert outcome.status == "verified" and outcome.rounds == 2
    assert "max(self.values)" in outcome.changes[str(path)]
    # The second example call ends in the ValueError the docstring promises: not a crash of the code.
    assert outcome.message.endswith(
        "lints clean, an example call ran without crashing in it; no test checks its results"
    )
    assert "from calc import stats" not in requests[1].body["messages"][-1]["content"]
    assert "start with `from calc.stats import Series`" in requests[1].body["messages"][-1]["content"]
    feedback = requests[2].body["messages"][-1]["content"]
    assert "an example call of `spread` crashed in it: line 9 `return max(self.items) - min(self.items)`" in feedback
    assert "AttributeError: 'Series' object has no attribute 'items'" in feedback


async def test_an_example_that_fails_on_its_own_mistake_is_mended_once(tmp_path: Path) -> None:
    path = make_package(tmp_path, "calc", {"stats": SERIES}) / "stats.py"
    crashing, right = spread("items"), spread("values")
    wrong_script = "```python\nfrom calc.stats import Series\nprint(Sereis([1, 5]).spread())\n```"
    mended = "```python\nfrom calc.stats import Series\nprint(Series([1, 5]).spread())\n```"
    replies = [fenced(crashing), wrong_script, mended, fenced(right)]
    task = Task("implement", path=str(path), symbol="Series.spread")
    outcome, recorded = await run_scripted(tmp_path, task, replies, agent=AgentSettings(type_check=False))
    assert outcome.status == "verified" and "max(self.values)" in outcome.changes[str(path)]
    requests = [r.body["messages"] for r in recorded]
    repair = requests[2][-1]["content"]
    assert repair.startswith("The script failed on its own, before the code could show anything: line 2")
    assert "NameError: name 'Sereis' is not defined" in repair
    assert requests[2][-2]["content"] == wrong_script  # the same conversation, the model's script in it
    assert "an example call of `spread` crashed in it" in requests[3][-1]["content"]


def spread_as(expr: str) -> str:
    """`Series.spread` returning `expr`, right (`max(v) - min(v)`) or not."""
    head = "    def spread(self) -> float:\n" + SPREAD_DOC
    return head + "        if not self.values:\n            raise ValueError('empty')\n" + f"        return {expr}"


EXPECTING = "```python\nfrom calc.stats import Series\nprint(Series([100, 500, 300]).spread())  # expect: 400\n```"
WRONG, RIGHT = spread_as("max(self.values) + min(self.values)"), spread_as("max(self.values) - min(self.values)")


async def implement_spread(tmp_path: Path, replies: list[str], **agent: int) -> tuple[str, Outcome, list[Recorded]]:
    """`Series.spread` implemented with the example check on: the new file text, the outcome and
    the chat requests."""
    path = make_package(tmp_path, "calc", {"stats": SERIES}) / "stats.py"
    task = Task("implement", path=str(path), symbol="Series.spread")
    outcome, recorded = await run_scripted(tmp_path, task, replies, agent=AgentSettings(**agent))
    return outcome.changes.get(str(path), ""), outcome, recorded


async def test_an_example_value_other_than_expected_gets_one_more_round(tmp_path: Path) -> None:
    written, outcome, recorded = await implement_spread(tmp_path, [fenced(WRONG), EXPECTING, fenced(RIGHT)])
    assert outcome.status == "verified" and outcome.rounds == 2, outcome.message
    assert "max(self.values) - min(self.values)" in written
    assert "but" not in outcome.message
    assert "add a comment `# expect: `" in recorded[1].body["messages"][-1]["content"]
    feedback = recorded[2].body["messages"][-1]["content"]
    assert "`Series([100, 500, 300]).spread()` printed `600` where your example expected `400`" in feedback


async def test_an_answer_no_closer_to_the_expected_values_leaves_the_first_one(tmp_path: Path) -> None:
    # The expectation may be the mistake: only an answer that prints more of it replaces the first.
    second = spread_as("max(self.values)")
    written, outcome, _ = await implement_spread(tmp_path, [fenced(WRONG), EXPECTING, fenced(second)])
    assert outcome.status == "verified" and outcome.rounds == 2, outcome.message
    assert "max(self.values) + min(self.values)" in written
    assert outcome.message.endswith(
        "its example call `Series([100, 500, 300]).spread()` printed `600` where the model expected `400`"
    )


async def test_a_name_the_example_script_never_imported_is_imported_by_the_harness(tmp_path: Path) -> None:
    data = "from calc.stats import Series\n\n\ndef sample() -> Series:\n    return Series([2, 9])\n"
    path = make_package(tmp_path, "calc", {"stats": SERIES, "data": data}) / "stats.py"
    script = "```python\nfrom calc.stats import Series\nprint(sample().spread())  # expect: 7\n```"
    task = Task("implement", path=str(path), symbol="Series.spread")
    outcome, recorded = await run_scripted(
        tmp_path, task, [fenced(spread_as("max(self.values) - min(self.values)")), script], agent=AgentSettings()
    )
    assert outcome.status == "verified" and outcome.rounds == 1, outcome.message
    assert len(recorded) == 2  # no request to mend the script
    events = [json.loads(line) for line in Path(outcome.trace or "").read_text().splitlines()]
    assert next(e for e in events if e["event"] == "example_imports")["added"] == ["from calc.data import sample"]
    assert [e["code"] for e in events if e["event"] == "example_run"] == [1, 0]
    assert not any(e["event"] == "example_misses" for e in events)


async def test_a_mended_script_gets_the_missing_import_again(tmp_path: Path) -> None:
    data = "from calc.stats import Series\n\n\ndef sample(n: int) -> Series:\n    return Series([2, 2 + n])\n"
    path = make_package(tmp_path, "calc", {"stats": SERIES, "data": data}) / "stats.py"
    # The first script lacks the import and an argument; the mended one still lacks the import.
    first = "```python\nfrom calc.stats import Series\nprint(sample().spread())  # expect: 7\n```"
    mended = "```python\nfrom calc.stats import Series\nprint(sample(7).spread())  # expect: 7\n```"
    replies = [fenced(spread_as("max(self.values) - min(self.values)")), first, mended]
    task = Task("implement", path=str(path), symbol="Series.spread")
    outcome, recorded = await run_scripted(tmp_path, task, replies, agent=AgentSettings())
    assert outcome.status == "verified" and outcome.rounds == 1, outcome.message
    assert "missing 1 required positional argument" in recorded[2].body["messages"][-1]["content"]
    assert outcome.message.endswith("an example call ran without crashing in it; no test checks its results")
    events = [json.loads(line) for line in Path(outcome.trace or "").read_text().splitlines()]
    assert [e["code"] for e in events if e["event"] == "example_run"] == [1, 1, 1, 0]


async def test_the_same_code_back_for_wrong_values_gets_one_sampled_round(tmp_path: Path) -> None:
    replies = [fenced(WRONG), EXPECTING, fenced(WRONG), fenced(RIGHT)]
    written, outcome, recorded = await implement_spread(tmp_path, replies, max_rounds=3)
    assert outcome.status == "verified" and outcome.rounds == 3, outcome.message
    # The last round's answer is still compared: it prints what was expected, so it replaces the first.
    assert "max(self.values) - min(self.values)" in written
    assert recorded[2].body.get("temperature", 0) == 0 and recorded[3].body["temperature"] > 0
    assert (
        "your reply is the same code as before; your example call printed"
        in recorded[3].body["messages"][-1]["content"]
    )


async def test_a_last_round_answer_that_prints_no_more_of_the_expected_values_is_not_taken(tmp_path: Path) -> None:
    replies = [fenced(WRONG), EXPECTING, fenced(WRONG), fenced(spread_as("min(self.values)"))]
    written, outcome, _ = await implement_spread(tmp_path, replies, max_rounds=3)
    assert outcome.status == "verified" and outcome.rounds == 3, outcome.message
    assert "max(self.values) + min(self.values)" in written


OWN_GUESS = "```python\nfrom calc.stats import Series\nprint(Series([2, 9]).spread())  # expect: 7\n```"


async def test_a_value_the_docstring_does_not_give_only_goes_into_the_outcome(tmp_path: Path) -> None:
    # The model's own expectation (7, not in the docstring) is too often wrong to send it back.
    # Two sampled answers do no better (one that raises the promised ValueError before printing
    # anything, so it misses nothing but gets nothing right; one that prints 9): the first stands.
    raising = spread_as("float(int('none'))")
    replies = [fenced(WRONG), OWN_GUESS, fenced(raising), fenced(spread_as("max(self.values)"))]
    _, outcome, recorded = await implement_spread(tmp_path, replies, example_samples=2)
    assert outcome.status == "verified" and outcome.rounds == 3, outcome.message
    assert len(recorded) == 4
    assert outcome.message.endswith(
        "its example call `Series([2, 9]).spread()` printed `11` where the model expected `7`"
    )
    events = [json.loads(line) for line in Path(outcome.trace or "").read_text().splitlines()]
    assert [(e["hits"], e["of"]) for e in events if e["event"] == "sample"] == [(0, 0), (0, 1)]
    sampled = [r.body for r in recorded[2:]]
    assert all(b["temperature"] > 0 and b["messages"] == recorded[0].body["messages"] for b in sampled)
    # Seeded by their stage: different from each other, the same in the next run.
    assert "seed" not in recorded[0].body and len({b["seed"] for b in sampled}) == 2


async def test_a_sampled_answer_that_prints_the_expected_values_replaces_the_first(tmp_path: Path) -> None:
    replies = [fenced(WRONG), OWN_GUESS, fenced(spread_as("max(self.values)")), fenced(RIGHT)]
    written, outcome, recorded = await implement_spread(tmp_path, replies, example_samples=2)
    assert outcome.status == "verified" and outcome.rounds == 3, outcome.message
    assert "max(self.values) - min(self.values)" in written and "but" not in outcome.message
    events = [json.loads(line) for line in Path(outcome.trace or "").read_text().splitlines()]
    assert [(e["hits"], e["of"]) for e in events if e["event"] == "sample"] == [(0, 1), (1, 1)]
    # No samples when the setting is 0 (the default), nor when the example printed what was expected.
    (tmp_path / "off").mkdir()
    (tmp_path / "right").mkdir()
    written, outcome, recorded = await implement_spread(tmp_path / "off", [fenced(WRONG), OWN_GUESS])
    assert len(recorded) == 2 and "max(self.values) + min(self.values)" in written
    written, outcome, recorded = await implement_spread(
        tmp_path / "right", [fenced(RIGHT), OWN_GUESS], example_samples=2
    )
    assert len(recorded) == 2 and "but" not in outcome.message


TICKETS = '''class Tickets:
    def __init__(self) -> None:
        self.last = 0

    def take(self) -> int:
        """The next ticket number: 1 first, then one more on each call."""
        raise NotImplementedError
'''
TAKE_HEAD = (
    "    def take(self) -> int:\n" + '        """The next ticket number: 1 first, then one more on each call."""\n'
)
# The model's expected form is wrong (`T1` for 1), but it expects a different ticket each time.
TICKET_SCRIPT = (
    "```python\nfrom desk.tickets import Tickets\nt = Tickets()\n"
    "print(t.take())  # expect: T1\nprint(t.take())  # expect: T2\n```"
)


async def test_samples_tied_on_right_values_are_told_apart_by_their_pattern(tmp_path: Path) -> None:
    path = make_package(tmp_path, "desk", {"tickets": TICKETS}) / "tickets.py"
    stuck = TAKE_HEAD + "        return self.last + 1"  # 1, 1
    counting = TAKE_HEAD + "        self.last += 1\n        return self.last"  # 1, 2
    task = Task("implement", path=str(path), symbol="Tickets.take")
    replies = [fenced(stuck), TICKET_SCRIPT, fenced(counting), fenced(stuck)]
    outcome, recorded = await run_scripted(tmp_path, task, replies, agent=AgentSettings(example_samples=2))
    assert len(recorded) == 4
    assert outcome.status == "verified", outcome.message
    assert "self.last += 1" in outcome.changes[str(path)]
    events = [json.loads(line) for line in Path(outcome.trace or "").read_text().splitlines()]
    sample = next(e for e in events if e["event"] == "sample")
    assert (sample["hits"], sample["unlike"]) == (0, 0)


async def test_sampling_stops_quietly_when_the_endpoint_fails(tmp_path: Path) -> None:
    # The script runs out of replies at the first sample: the endpoint answers 500.
    written, outcome, _ = await implement_spread(tmp_path, [fenced(WRONG), OWN_GUESS], example_samples=2)
    assert outcome.status == "verified" and "max(self.values) + min(self.values)" in written
