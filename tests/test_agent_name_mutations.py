"""Sibling-name and arithmetic mutants, and make-tests-pass repairing with them before any model
call."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from fakes.scripted_server import ScriptedServer
from test_agent_engine import engine_for

from smallcode_ls.agent.mutations import boundary_mutants
from smallcode_ls.agent.name_mutations import (
    arithmetic_mutants,
    callee_mutants,
    derived_value_mutants,
    sibling_mutants,
    transplant_mutants,
)
from smallcode_ls.agent.tasks import Outcome, Task

UNIT = '''def is_business_day(day, cal):
    """Not a weekend, not a holiday (is_holiday in a docstring is left alone)."""
    return not is_weekend(day) and not cal.is_holiday(day) and day.kind != KIND_SOFT
'''


def test_each_place_gets_its_likeliest_sibling_first() -> None:
    families = {"is_holiday": ["is_day_off", "is_open", "is_holidays_eve"], "KIND_SOFT": ["KIND_HARD"]}
    variants = sibling_mutants(UNIT, "python", lambda name: families.get(name, []))
    changed = [next(line for line in v.split("\n") if line not in UNIT.split("\n")) for v in variants]
    assert changed[0].endswith("cal.is_holidays_eve(day) and day.kind != KIND_SOFT")  # most similar name
    assert changed[1].endswith("cal.is_holiday(day) and day.kind != KIND_HARD")
    assert any("cal.is_day_off(day)" in line for line in changed)
    assert all('"""Not a weekend, not a holiday (is_holiday' in v for v in variants)
    assert len(variants) == 4


def test_arithmetic_slips_undone_one_at_a_time() -> None:
    unit = "    def page(self, n):\n        return rows[bounds(n - 1)][-next(c)] + (a - b)\n"
    changed = [v.split("\n")[1].strip() for v in arithmetic_mutants(unit)]
    assert "return rows[bounds(n)][-next(c)] + (a - b)" in changed
    assert "return rows[bounds(n - 1)][next(c)] + (a - b)" in changed
    assert "return rows[bounds(n - 1)][-next(c)] + (b - a)" in changed
    assert "return rows[bounds(1 - n)][-next(c)] + (a - b)" not in changed  # a constant is not swapped
    assert all(v.startswith("    def page(self, n):\n") for v in arithmetic_mutants(unit))
    assert arithmetic_mutants("def broken(:\n") == []


CALENDAR = """class Calendar:
    def __init__(self, holidays, bridges):
        self.holidays = set(holidays)
        self.bridges = set(bridges)

    def is_holiday(self, day):
        return day in self.holidays

    def is_day_off(self, day):
        return day in self.holidays or day in self.bridges


def is_business_day(day, cal):
    return day % 7 not in (5, 6) and not cal.is_holiday(day)
"""

CALENDAR_TESTS = """from app.calendar import Calendar, is_business_day


def test_bridge_days_are_not_business_days():
    cal = Calendar(holidays=[1], bridges=[2])
    assert not is_business_day(2, cal)


def test_plain_days():
    assert is_business_day(3, Calendar([], []))
"""


@pytest.fixture(autouse=True)
def _quick_pytest(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")


async def make_tests_pass_alone(tmp_path: Path, name: str, code: str, tests: str) -> tuple[Outcome, list]:
    """make-tests-pass on app/NAME.py and tests/test_NAME.py with a model that must not be asked:
    the outcome and the chat requests the model got."""
    (tmp_path / "app").mkdir()
    (tmp_path / "app" / "__init__.py").write_text("")
    (tmp_path / "app" / f"{name}.py").write_text(code)
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / f"test_{name}.py").write_text(tests)
    with ScriptedServer([]) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("make-tests-pass", test_cmd=f"{sys.executable} -m pytest -q tests"))
        await router.aclose()
    return outcome, server.chat_requests()


LRU = """class LRU:
    def __init__(self):
        self.data = {}

    def put(self, key, value):
        if key in self.data:
            self.data.move_to_end(key)
        self.data[key] = value

    def get(self, key, default=None):
        if key not in self.data:
            return default
        return self.data[key]
"""


def test_a_call_a_sibling_method_makes_is_tried_before_each_return() -> None:
    get = LRU.split("\n\n    def get")[1]
    unit = "    def get" + get
    variants = transplant_mutants(unit, LRU)
    assert variants[0].endswith("        self.data.move_to_end(key)\n        return self.data[key]\n")
    assert "            self.data.move_to_end(key)\n            return default" in variants[1]
    # `value` is not a name `get` has: put's other statements are not candidates.
    assert len(variants) == 2


def test_an_interval_test_flips_both_sides_together() -> None:
    unit = "def overlaps(a0, a1, b0, b1):\n    return a0 <= b1 and b0 <= a1\n"
    assert any(v.endswith("    return a0 < b1 and b0 < a1\n") for v in boundary_mutants(unit, "python"))


ROUTES = '''import heapq


def fastest(links, start):
    """Fastest times from `start` to every reachable stop."""
    best = {start: 0.0}
    seen = set()
    heap = [(0.0, start)]
    while heap:
        _, stop = heapq.heappop(heap)
        if stop in seen:
            continue
        seen.add(stop)
        for nxt, minutes in links.get(stop, []):
            total = best[stop] + minutes
            if total < best.get(nxt, float("inf")):
                best[nxt] = total
                heapq.heappush(heap, (minutes, nxt))
    return best
'''

ROUTES_TESTS = """from app.routes import fastest


def test_many_quick_links_lose_to_one_slower_one():
    links = {"A": [("J1", 1), ("K", 3)], "J1": [("J2", 1)], "J2": [("J3", 1)], "J3": [("J4", 1)]}
    links |= {"J4": [("X", 1)], "K": [("X", 1)], "X": [("Y", 1)]}
    assert fastest(links, "A")["Y"] == 5
"""


def test_a_raw_value_is_replaced_by_the_variable_computed_from_it() -> None:
    unit = ROUTES.split("\n\n\n", 1)[1]
    changed = [next(b for a, b in zip(unit.split("\n"), v.split("\n"), strict=True) if a != b).strip()
               for v in derived_value_mutants(unit)]  # fmt: skip
    # Nearest use after `total = best[stop] + minutes` first. `best` and `stop` there are a
    # container and an index, not what `total` is computed from; literals built around a name
    # (`best = {start: 0.0}`) compute nothing.
    assert changed == ["heapq.heappush(heap, (total, nxt))"]
    indented = "    " + unit.replace("\n", "\n    ").rstrip() + "\n"
    assert derived_value_mutants(indented)[0].startswith("    def fastest(links, start):\n")
    assert derived_value_mutants("def f(x):\n    y = x\n    return x\n") == []  # a copy
    assert derived_value_mutants("class C:\n    pass\n") == []
    assert derived_value_mutants("def broken(:\n") == []


CELLS = """import re

_STYLE = re.compile(r"\\x1b\\[[0-9;]*m")


def visible_len(text):
    return len(_STYLE.sub("", text))


def pad_cells(cells):
    \"\"\"Every cell padded with spaces to the widest, as seen on a terminal (styles take no room).\"\"\"
    width = max(visible_len(cell) for cell in cells)
    padded = []
    for cell in cells:
        padded.append(cell + " " * (width - len(cell)))
    return padded
"""

CELLS_TESTS = """from app.cells import pad_cells


def test_styled_cells_pad_by_what_shows():
    assert pad_cells(["\\x1b[1mab\\x1b[0m", "abc"]) == ["\\x1b[1mab\\x1b[0m ", "abc"]
"""


def test_a_builtin_call_is_given_the_function_the_unit_uses_beside_it_first() -> None:
    unit = CELLS.split("\n\n\n")[-1]
    changed = [next(b for a, b in zip(unit.split("\n"), v.split("\n"), strict=True) if a != b).strip()
               for v in callee_mutants(unit)]  # fmt: skip
    # `len` and `max` are builtins: each given the code's own `visible_len` comes before
    # `visible_len` given a builtin.
    assert changed[:2] == [
        "width = visible_len(visible_len(cell) for cell in cells)",
        'padded.append(cell + " " * (width - visible_len(cell)))',
    ]
    assert "width = max(len(cell) for cell in cells)" in changed
    assert 'padded.append(cell + " " * (width - max(cell)))' in changed
    assert all(v.startswith("def pad_cells(cells):\n") for v in callee_mutants(unit))
    # A class, a call with a keyword and a lone call are not candidates.
    assert callee_mutants("def f(x):\n    return Box(x) or g(x, key=1) or h(x, x)\n") == []
    assert callee_mutants("def broken(:\n") == []


@pytest.mark.parametrize(
    ("name", "code", "tests", "expected"),
    [
        pytest.param("calendar", CALENDAR, CALENDAR_TESTS, "and not cal.is_day_off(day)", id="sibling-method"),
        pytest.param("routes", ROUTES, ROUTES_TESTS, "heapq.heappush(heap, (total, nxt))", id="computed-value"),
        pytest.param("cells", CELLS, CELLS_TESTS, "(width - visible_len(cell))", id="the-units-own-measure"),
    ],
)
async def test_make_tests_pass_repairs_without_the_model(
    tmp_path: Path, name: str, code: str, tests: str, expected: str
) -> None:
    outcome, asked = await make_tests_pass_alone(tmp_path, name, code, tests)
    assert outcome.status == "verified", (outcome.message, outcome.remaining)
    assert expected in outcome.changes[str(tmp_path / "app" / f"{name}.py")]
    assert not asked
