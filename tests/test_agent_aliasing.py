"""Shared mutable data: a mutable default argument or a shallow copy, repaired by the harness
when the tests then pass."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_agent_name_mutations import make_tests_pass_alone

from smallcode_ls.agent.aliasing import deep_copy_mutants, without_mutable_defaults


def test_mutable_defaults_become_none_and_a_fresh_value() -> None:
    unit = (
        "    def __init__(self, order_id: str, history: list[str] = [], tags=set(), *, meta: dict = {}) -> None:\n"
        '        """An order."""\n'
        "        self.history = history\n"
    )
    fixed = without_mutable_defaults(unit)
    assert fixed is not None
    lines = fixed.split("\n")
    assert lines[0] == (
        "    def __init__(self, order_id: str, history: list[str] | None = None, tags=None, *, "
        "meta: dict | None = None) -> None:"
    )
    assert lines[1] == '        """An order."""'
    assert lines[2:8] == [
        "        if history is None:",
        "            history = []",
        "        if tags is None:",
        "            tags = set()",
        "        if meta is None:",
        "            meta = {}",
    ]
    assert lines[8] == "        self.history = history"
    compile(fixed.replace("\n    ", "\n").lstrip(), "x", "exec")


def test_no_mutable_default_no_candidate() -> None:
    assert without_mutable_defaults("def f(a, b=None, c=(), d=0):\n    return a\n") is None
    assert without_mutable_defaults("def f(a=list(range(3))):\n    return a\n") is None
    assert without_mutable_defaults("def broken(:\n") is None
    assert without_mutable_defaults("def f(a=[]): return a\n") is None  # no line to put the fresh value on


def test_shallow_copies_of_names_become_deep_ones() -> None:
    unit = (
        "def load(text, defaults=DEFAULTS):\n"
        "    config = dict(defaults)\n"
        "    extra = self.extra.copy()\n"
        "    rows = list(range(3))\n"
        "    more = dict(a=1)\n"
        "    return config\n"
    )
    changed = [[line.strip() for line in v.split("\n") if "deepcopy" in line] for v in deep_copy_mutants(unit)]
    assert changed == [["config = copy.deepcopy(defaults)"], ["extra = copy.deepcopy(self.extra)"]]
    assert deep_copy_mutants("x = dict(y)\n") == []  # not a function


@pytest.fixture(autouse=True)
def _quick_pytest(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")


ORDERS = """class Order:
    def __init__(self, order_id: str, history: list[str] = []) -> None:
        self.order_id = order_id
        self.history = history

    def pay(self) -> None:
        self.history.append("pay")


def paid(order_id: str) -> Order:
    order = Order(order_id)
    order.pay()
    return order
"""

ORDERS_TESTS = """from app.orders import paid


def test_each_order_has_its_own_history():
    assert paid("a").history == ["pay"]
    assert paid("b").history == ["pay"]
"""

CONFIG = '''DEFAULTS = {"server": {"port": 80}}


def load(pairs, defaults=DEFAULTS):
    """Settings: the defaults, overridden by `pairs` of (section, key, value)."""
    config = dict(defaults)
    for section, key, value in pairs:
        config.setdefault(section, {})[key] = value
    return config
'''

CONFIG_TESTS = """from app.config import load


def test_loading_twice_starts_from_the_defaults():
    assert load([("server", "port", 8080)])["server"]["port"] == 8080
    assert load([])["server"]["port"] == 80
"""


@pytest.mark.parametrize(
    ("name", "code", "tests", "expected"),
    [
        ("orders", ORDERS, ORDERS_TESTS, "history: list[str] | None = None"),
        ("config", CONFIG, CONFIG_TESTS, "config = copy.deepcopy(defaults)"),
    ],
)
async def test_make_tests_pass_undoes_shared_data_without_the_model(
    tmp_path: Path, name: str, code: str, tests: str, expected: str
) -> None:
    outcome, asked = await make_tests_pass_alone(tmp_path, name, code, tests)
    assert outcome.status == "verified", (outcome.message, outcome.remaining)
    fixed = outcome.changes[str(tmp_path / "app" / f"{name}.py")]
    assert expected in fixed
    assert ("import copy" in fixed) is (name == "config")
    assert not asked
