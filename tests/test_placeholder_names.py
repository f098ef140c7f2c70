"""A loop's `_` placeholder named after the undefined name it stands for."""

from __future__ import annotations

from pathlib import Path

from test_agent_engine import fenced, run_scripted

from smallcode_ls.agent.placeholder_names import named_placeholder
from smallcode_ls.agent.tasks import Task
from smallcode_ls.config import AgentSettings

FORMAT = """def format_duration(seconds):
    shown = [(count, name, letter) for count, name, letter in split_duration(seconds) if count]
    if compact:
        return "".join(f"{count}{letter}" for count, _, letter in shown)
    return ", ".join(plural(count, name) for count, _, _ in shown)
"""


def test_the_placeholder_at_the_name_s_place_in_the_tuple_built_is_renamed() -> None:
    fixed = named_placeholder(FORMAT, 4, "name")
    assert fixed == FORMAT.replace("for count, _, _ in shown", "for count, name, _ in shown")


def test_a_single_placeholder_needs_no_tuple_to_say_which() -> None:
    text = "def f(rows):\n    for key, _ in rows:\n        print(key, value)\n"
    assert named_placeholder(text, 2, "value") == text.replace("key, _", "key, value")


def test_nothing_when_the_name_is_bound_or_no_placeholder_is_the_one() -> None:
    bound = "def f(rows, value):\n    for key, _ in rows:\n        print(key, value)\n"
    assert named_placeholder(bound, 2, "value") is None
    two = "def f(rows):\n    return [value for _, _ in rows]\n"
    assert named_placeholder(two, 1, "value") is None  # two places, no tuple to tell
    elsewhere = "def f(rows):\n    for key, _ in rows:\n        pass\n    print(value)\n"
    assert named_placeholder(elsewhere, 3, "value") is None  # not read inside the loop
    assert named_placeholder("def f(:\n", 0, "x") is None


DURATIONS = '''def split(seconds: int) -> list[tuple[int, str, str]]:
    return [(seconds // 60, "minute", "m"), (seconds % 60, "second", "s")]


def plural(count: int, name: str) -> str:
    return f"{count} {name}" + ("" if count == 1 else "s")


def describe(seconds: int) -> str:
    """'1 minute, 5 seconds' for 65."""
    raise NotImplementedError
'''
ANSWER = (
    "def describe(seconds: int) -> str:\n"
    '    """\'1 minute, 5 seconds\' for 65."""\n'
    "    shown = [(count, name, letter) for count, name, letter in split(seconds) if count]\n"
    '    return ", ".join(plural(count, name) for count, _, _ in shown)'
)


async def test_an_answer_reading_what_its_placeholder_drops_is_mended_without_a_round(tmp_path: Path) -> None:
    path = tmp_path / "durations.py"
    path.write_text(DURATIONS)
    task = Task("implement", path=str(path), symbol="describe")
    quiet = AgentSettings(run_examples=False, type_check=False)
    outcome, requests = await run_scripted(tmp_path, task, [fenced(ANSWER)], agent=quiet)
    assert outcome.status == "verified" and len(requests) == 1, outcome.message
    assert "plural(count, name) for count, name, _ in shown" in outcome.changes[str(path)]
    assert "`_` named `name` by the harness" in outcome.units
