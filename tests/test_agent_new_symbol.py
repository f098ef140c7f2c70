"""An edit that names a symbol that does not exist yet adds it: a method at the end of its class,
a function at the end of the file given or named after it in the instruction."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes.scripted_server import ScriptedServer, completion
from test_agent_engine import engine_for

from smallcode_ls.agent.tasks import Task

ORDERS = """class Order:
    def __init__(self, total):
        self.total = total
        self.state = "open"

    def pay(self):
        self.state = "paid"


def describe(order):
    return f"{order.state}: {order.total}"
"""

# A small model often answers with the whole class around the one method it was asked for.
CANCEL_REPLY = """```python
class Order:
    def __init__(self, total):
        self.total = total

    def cancel(self, reason):
        self.state = "cancelled"
        self.reason = reason
```"""


@pytest.fixture(autouse=True)
def _quick_pytest(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")


def make_shop(root: Path) -> Path:
    (root / "shop").mkdir()
    (root / "shop" / "__init__.py").write_text("")
    (root / "shop" / "orders.py").write_text(ORDERS)
    (root / "shop" / "dates.py").write_text("import datetime\n\n\ndef today():\n    return datetime.date.today()\n")
    return root / "shop" / "orders.py"


async def test_a_new_method_goes_at_the_end_of_its_class(tmp_path: Path) -> None:
    path = make_shop(tmp_path)
    with ScriptedServer([completion(CANCEL_REPLY)]) as server:
        engine, router = engine_for(tmp_path, server.url)
        task = Task("edit", instruction="Give Order a cancel(reason) transition.", symbol="Order.cancel")
        outcome = await engine.run(task)
        await router.aclose()
    assert outcome.status == "verified", (outcome.message, outcome.remaining)
    assert outcome.changes[str(path)] == ORDERS.replace(
        '        self.state = "paid"\n',
        '        self.state = "paid"\n\n    def cancel(self, reason):\n        self.state = "cancelled"\n'
        "        self.reason = reason\n",
    )
    prompt = server.chat_requests()[0].body["messages"][1]["content"]
    assert "a new method `Order.cancel`, to add at the end of this class in shop/orders.py" in prompt
    assert "def pay(self):" in prompt and "Write only the new method `cancel`" in prompt


async def test_a_new_function_goes_at_the_end_of_the_file_the_instruction_names(tmp_path: Path) -> None:
    make_shop(tmp_path)
    reply = "```python\ndef add_days(start, days):\n    return start + datetime.timedelta(days=days)\n```"
    with ScriptedServer([completion(reply)]) as server:
        engine, router = engine_for(tmp_path, server.url)
        instruction = "Orders need a helper `add_days(start, days)` in shop/dates.py; then use it in shop/orders.py."
        outcome = await engine.run(Task("edit", instruction=instruction, symbol="add_days"))
        await router.aclose()
    assert outcome.status == "verified", (outcome.message, outcome.remaining)
    assert outcome.changes[str(tmp_path / "shop" / "dates.py")].endswith(
        "    return datetime.date.today()\n\n\ndef add_days(start, days):\n"
        "    return start + datetime.timedelta(days=days)\n"
    )


async def test_a_new_symbol_with_nowhere_to_go_is_a_clear_error(tmp_path: Path) -> None:
    make_shop(tmp_path)
    with ScriptedServer([]) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("edit", instruction="Add Invoice.void.", symbol="Invoice.void"))
        await router.aclose()
    assert outcome.status == "failed"
    assert outcome.message == "no symbol named 'Invoice.void' in the workspace, nor a place to add it"
