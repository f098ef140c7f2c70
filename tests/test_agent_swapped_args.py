"""Swapped arguments: found by parameter names, tried by the harness, kept only if the tests pass."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from fakes.scripted_server import ScriptedServer, completion
from test_agent_engine import engine_for

from smallcode_ls.agent.swapped_args import parameter_names, swapped_candidates
from smallcode_ls.agent.tasks import Task


@pytest.fixture(autouse=True)
def _quick_pytest(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")


@pytest.mark.parametrize(
    ("signature", "names"),
    [
        ("def rate_for(region: str, category: str) -> Decimal", ["region", "category"]),
        ("def f(self, a: dict[str, int] = {}, *rest, b=1)", ["self", "a"]),
        ("async def g(x, /, y=(1, 2), **kw)", ["x", "y"]),
        ("function clamp(value, min = 0, max = 1)", ["value", "min", "max"]),
        ("scale(amount: number, by: number): number", ["amount", "by"]),
    ],
)
def test_parameter_names(signature: str, names: list[str]) -> None:
    assert parameter_names(signature) == names


def test_a_call_with_arguments_named_in_the_other_order_is_swapped() -> None:
    params = {"rate_for": ["region", "category"], "quantize": ["amount"]}
    text = (
        "def line_tax(self, line):\n    rate = tax.rate_for(line.category, self._region)\n    return quantize(rate)\n"
    )
    assert swapped_candidates(text, params.get) == [
        "def line_tax(self, line):\n    rate = tax.rate_for(self._region, line.category)\n    return quantize(rate)\n"
    ]


@pytest.mark.parametrize(
    "call",
    [
        "rate_for(region, category)",  # already in order
        "rate_for(category, 'DE')",  # only one side is a name
        "rate_for(region=category, category=region)",  # keywords say what they mean
        "rate_for(f(category), region)",  # not a plain name
        "other(category, region)",  # unknown callee
    ],
)
def test_calls_that_are_left_alone(call: str) -> None:
    params = {"rate_for": ["region", "category"]}
    assert swapped_candidates(f"x = {call}\n", params.get) == []


def test_strings_and_nested_brackets_do_not_split_arguments() -> None:
    params = {"pair": ["left", "right"]}
    text = 'pair(right, left, note="a, b)", extra=[1, (2, 3)])'
    assert swapped_candidates(text, params.get) == ['pair(left, right, note="a, b)", extra=[1, (2, 3)])']


TAX = """RATES = {"DE": {"books": 7, "standard": 19}}


def rate_for(region, category):
    table = RATES[region]
    return table.get(category, table["standard"])
"""

INVOICE = """from app.tax import rate_for


class Line:
    def __init__(self, category, net):
        self.category = category
        self.net = net


class Invoice:
    def __init__(self, region):
        self.region = region

    def line_tax(self, line):
        rate = rate_for(line.category, self.region)
        return line.net * rate // 100
"""

TEST = """from app.invoice import Invoice, Line


def test_books_pay_the_reduced_rate():
    assert Invoice("DE").line_tax(Line("books", 1000)) == 70
"""


async def test_make_tests_pass_swaps_the_arguments_without_the_model(tmp_path: Path) -> None:
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / "tax.py").write_text(TAX)
    (tmp_path / "app" / "invoice.py").write_text(INVOICE)
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_invoice.py").write_text(TEST)
    with ScriptedServer([completion("no idea")] * 8) as server:
        engine, router = engine_for(tmp_path, server.url)
        command = f"{sys.executable} -m pytest -q -p no:cacheprovider tests"
        outcome = await engine.run(Task("make-tests-pass", test_cmd=command))
        await router.aclose()
    assert outcome.status == "verified", (outcome.message, outcome.remaining)
    assert "rate = rate_for(self.region, line.category)" in outcome.changes[str(tmp_path / "app" / "invoice.py")]
    assert server.chat_requests() == []
