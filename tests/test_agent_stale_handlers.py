"""A caller still catching what the edited function no longer raises is asked about, once."""

from __future__ import annotations

from pathlib import Path

from fakes.scripted_server import Recorded
from test_agent_edit_tests import CACHE_HEAD, app_project
from test_agent_engine import fenced, run_scripted

from smallcode_ls.agent.stale_handlers import raised_names, stale_handlers
from smallcode_ls.agent.tasks import Outcome, Task


def test_raised_names_are_the_code_s_own_raises() -> None:
    code = (
        "    def get(self, key):\n        if key not in self.d:\n            raise KeyError(key)\n"
        "        raise errors.Gone\n"
    )
    assert raised_names(code) == {"KeyError", "Gone"}
    assert raised_names("def f(:\n") == set()


def test_a_handler_around_a_call_that_no_longer_raises_is_named() -> None:
    code = (
        "    def get_many(self, keys):\n        found = {}\n        for key in keys:\n"
        "            try:\n                found[key] = self.get(key)\n"
        "            except (KeyError, ValueError):\n                continue\n        return found\n"
    )
    found = stale_handlers(code, {"get": {"KeyError"}})
    assert len(found) == 1 and found[0].startswith("`get` no longer raises `KeyError`")
    assert stale_handlers(code, {"get": {"IndexError"}}) == []
    assert stale_handlers(code, {"put": {"KeyError"}}) == []
    assert stale_handlers("try:\n    x = 1\nexcept KeyError:\n    pass\n", {"get": {"KeyError"}}) == []


CACHE = (
    CACHE_HEAD
    + """
    def get_many(self, keys):
        found = {}
        for key in keys:
            try:
                found[key] = self.get(key)
            except KeyError:
                continue
        return found
"""
)

GET = "    def get(self, key, default=None):\n        return self.data.get(key, default)"
STALE = CACHE.split("\n\n    def get_many")[1]
FIXED = (
    "    def get_many(self, keys):\n        found = {}\n        for key in keys:\n"
    "            value = self.get(key)\n            if value is not None:\n                found[key] = value\n"
    "        return found"
)


STALE_GET_MANY = "    def get_many" + STALE.rstrip("\n")


async def edit_get(tmp_path: Path, instruction: str, replies: list[str]) -> tuple[Path, Outcome, list[Recorded]]:
    """An edit of `Cache.get` in app/cache.py with the scripted `replies`: the file, the outcome,
    the chat requests."""
    app_project(tmp_path, {"app/cache.py": CACHE})
    path = tmp_path / "app" / "cache.py"
    task = Task("edit", instruction=instruction, path=str(path), symbol="Cache.get")
    outcome, requests = await run_scripted(tmp_path, task, replies)
    return path, outcome, requests


async def test_an_edit_asks_once_about_a_caller_s_stale_handler(tmp_path: Path) -> None:
    instruction = "Make `Cache.get` return a default instead of raising KeyError; update the code that relied on it."
    replies = [fenced(GET), fenced(STALE_GET_MANY), fenced(FIXED)]
    path, outcome, requests = await edit_get(tmp_path, instruction, replies)
    assert outcome.status == "verified", (outcome.message, outcome.remaining)
    assert "if value is not None" in outcome.changes[str(path)]
    assert "`get` no longer raises `KeyError`" in requests[2].body["messages"][-1]["content"]


async def test_a_caller_that_keeps_its_handler_after_the_question_stands(tmp_path: Path) -> None:
    replies = [fenced(GET), fenced(STALE_GET_MANY), fenced(STALE_GET_MANY)]
    _, outcome, requests = await edit_get(tmp_path, "Make `Cache.get` return None for a missing key.", replies)
    assert outcome.status == "verified" and len(requests) == 3
