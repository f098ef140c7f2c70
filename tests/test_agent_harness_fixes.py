"""Fixes the harness makes without a model call, each kept only when the file lints better:
a forgotten `self.`, a renamed local, a shortened constant from the package, a missing `global`."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes.scripted_server import ScriptedServer, completion
from test_agent_engine import engine_for

from smallcode_ls.agent.tasks import Task


@pytest.fixture(autouse=True)
def _quick_pytest(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")


async def _fix_alone(root: Path, path: Path, replies: int = 0) -> tuple[str, str, int]:
    with ScriptedServer([completion("no idea")] * replies) as server:
        engine, router = engine_for(root, server.url)
        outcome = await engine.run(Task("fix", path=str(path)))
        await router.aclose()
    return outcome.status, outcome.changes.get(str(path), ""), len(server.chat_requests())


def _package(root: Path, files: dict[str, str]) -> None:
    (root / "pkg").mkdir()
    (root / "pkg" / "__init__.py").write_text("")
    for name, text in files.items():
        (root / "pkg" / name).write_text(text)


async def test_a_forgotten_self_is_added(tmp_path: Path) -> None:
    _package(tmp_path, {"quote.py": (
        "class Quote:\n    def __init__(self):\n        self.rate_table = {'a': 1}\n\n"
        "    def rate(self, key):\n        return rate_table.get(key)\n"
    )})  # fmt: skip
    status, text, asked = await _fix_alone(tmp_path, tmp_path / "pkg" / "quote.py")
    assert status == "verified" and "return self.rate_table.get(key)" in text and asked == 0


async def test_the_one_unused_local_of_the_function_is_what_it_meant(tmp_path: Path) -> None:
    _package(tmp_path, {"queue.py": (
        "import time\n\n\ndef ready(jobs):\n    current = time.time()\n    return [j for j in jobs if j <= now]\n"
    )})  # fmt: skip
    status, text, asked = await _fix_alone(tmp_path, tmp_path / "pkg" / "queue.py")
    assert status == "verified" and "if j <= current]" in text and asked == 0


async def test_a_shortened_constant_from_a_sibling_module_is_respelt_and_imported(tmp_path: Path) -> None:
    _package(tmp_path, {
        "formats.py": 'CSV_DELIMITER = ";"\nENCODING = "utf-8"\n',
        "report.py": "def row(cells):\n    return DELIMITER.join(cells)\n",
    })  # fmt: skip
    status, text, asked = await _fix_alone(tmp_path, tmp_path / "pkg" / "report.py")
    assert status == "verified" and asked == 0
    assert "from pkg.formats import CSV_DELIMITER" in text and "return CSV_DELIMITER.join(cells)" in text


async def test_two_constants_that_could_be_meant_are_left_to_the_model(tmp_path: Path) -> None:
    _package(tmp_path, {
        "formats.py": 'CSV_DELIMITER = ";"\nTSV_DELIMITER = "\\t"\n',
        "report.py": "def row(cells):\n    return DELIMITER.join(cells)\n",
    })  # fmt: skip
    status, _text, asked = await _fix_alone(tmp_path, tmp_path / "pkg" / "report.py", replies=6)
    assert status != "verified" and asked > 0


async def test_a_module_counter_gets_its_global_declaration_after_the_docstring(tmp_path: Path) -> None:
    _package(tmp_path, {"tickets.py": (
        '_last = 0\n\n\ndef next_number():\n    """The next number."""\n    _last += 1\n    return _last\n'
    )})  # fmt: skip
    status, text, asked = await _fix_alone(tmp_path, tmp_path / "pkg" / "tickets.py")
    assert status == "verified" and asked == 0
    assert '"""The next number."""\n    global _last\n    _last += 1' in text


async def test_a_local_named_like_the_function_it_calls_is_renamed_and_the_function_imported(tmp_path: Path) -> None:
    _package(tmp_path, {
        "shipping.py": "def shipping_cost(weight):\n    return 500 if weight > 10 else 300\n",
        "order.py": (
            "class Order:\n    def __init__(self, weight, subtotal):\n        self.weight = weight\n"
            "        self.subtotal = subtotal\n\n    def total(self):\n"
            "        \"\"\"Subtotal plus shipping_cost.\"\"\"\n"
            "        raise NotImplementedError\n"
        ),
    })  # fmt: skip
    reply = (
        '```python\n    def total(self):\n        """Subtotal plus shipping_cost."""\n'
        "        shipping_cost = shipping_cost(self.weight)\n        return self.subtotal + shipping_cost\n```"
    )
    with ScriptedServer([completion(reply)]) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("implement", path=str(tmp_path / "pkg" / "order.py")))
        await router.aclose()
    assert outcome.status == "verified", outcome.remaining
    new = outcome.changes[str(tmp_path / "pkg" / "order.py")]
    assert new.startswith("from pkg.shipping import shipping_cost\n")
    assert "shipping_cost_value = shipping_cost(self.weight)" in new
    assert "return self.subtotal + shipping_cost_value" in new


async def test_code_never_gets_an_import_from_a_test_module(tmp_path: Path) -> None:
    _package(tmp_path, {"slots.py": "def first_free(day):\n    return at(day, 9)\n"})
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_slots.py").write_text("def at(day, hour):\n    return (day, hour)\n")
    status, text, asked = await _fix_alone(tmp_path, tmp_path / "pkg" / "slots.py", replies=4)
    assert status != "verified" and "import at" not in text and asked >= 1


async def test_a_constant_of_a_sibling_module_an_implementation_uses_is_imported(tmp_path: Path) -> None:
    _package(tmp_path, {
        "filters.py": "FILTERS = {'upper': str.upper}\n",
        "other.py": "LIMIT = 3\n",
        "engine.py": (
            "def apply(name, value):\n"
            '    """Apply the filter `name` from FILTERS in pkg/filters.py."""\n'
            "    raise NotImplementedError\n"
        ),
    })  # fmt: skip
    reply = '```python\ndef apply(name, value):\n    """Apply the filter `name` from FILTERS in pkg/filters.py."""\n'
    reply += "    return FILTERS[name](value)\n```"
    with ScriptedServer([completion(reply)]) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("implement", path=str(tmp_path / "pkg" / "engine.py")))
        await router.aclose()
    assert outcome.status == "verified", outcome.remaining
    assert outcome.changes[str(tmp_path / "pkg" / "engine.py")].startswith("from pkg.filters import FILTERS\n")
