"""Renames done by the harness: which instructions are renames, what gets renamed, and when the
engine leaves the rename to the model."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fakes.scripted_server import ScriptedServer, completion
from test_agent_engine import engine_for

from smallcode_ls.agent.rename import RenameRequest, defines, parse_rename, rename_in_text
from smallcode_ls.agent.tasks import Task


@pytest.fixture(autouse=True)
def _quick_pytest(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")


@pytest.mark.parametrize(
    ("instruction", "expected"),
    [
        (
            "Rename the function `calc_qty` to `reorder_quantity` everywhere.",
            ("calc_qty", "reorder_quantity", "function"),
        ),
        (
            "Rename the class `SalesRow` in sales/models.py to `SaleRecord`, and update",
            ("SalesRow", "SaleRecord", "class"),
        ),
        ("please rename extractLinks to findLinks", ("extractLinks", "findLinks", "")),
        ("Rename the `fmt` parameter of `export_report` to `output_format`", None),
        ("Rename the fmt parameter to output_format", None),
        ("Rename `a` to `class`", None),
        ("Add a rename button", None),
    ],
)
def test_which_instructions_are_symbol_renames(instruction: str, expected: tuple[str, str, str] | None) -> None:
    assert parse_rename(instruction) == (RenameRequest(*expected) if expected else None)


def test_python_rename_covers_imports_attributes_strings_and_comments_but_not_longer_names() -> None:
    text = (
        'from .stock import calc_qty, other\n"""calc_qty docs."""\n__all__ = ["calc_qty"]\n\n\n'
        "def calc_qty(item):\n    # calc_qty_total is another name\n    return stock.calc_qty(item) + calc_qty_total\n"
    )
    renamed, count = rename_in_text("m.py", text, "calc_qty", "reorder_quantity")
    assert count == 5
    assert "calc_qty_total" in renamed and renamed.count("reorder_quantity") == 5
    assert "calc_qty(" not in renamed and '"reorder_quantity"' in renamed


def test_javascript_rename_covers_exports_and_template_substitutions() -> None:
    text = "import { extractLinks } from './links.js';\nexport { extractLinks };\nconst s = `${extractLinks(x)}`;\n"
    renamed, count = rename_in_text("a.js", text, "extractLinks", "findLinks")
    assert count == 3 and "extractLinks" not in renamed


def test_defines_sees_identifiers_only() -> None:
    assert defines("m.py", "total = 1\n", "total")
    assert not defines("m.py", "# total\nx = 'total'\n", "total")


def _project(root: Path) -> None:
    (root / "shop").mkdir()
    (root / "shop" / "__init__.py").write_text("")
    (root / "shop" / "stock.py").write_text("def calc_qty(n):\n    return n * 2\n")
    (root / "shop" / "report.py").write_text(
        "from .stock import calc_qty\n\n\ndef report(n):\n    return f'{calc_qty(n)} units'\n"
    )
    (root / "tests").mkdir()
    (root / "tests" / "test_stock.py").write_text(
        "from shop.stock import calc_qty\n\n\ndef test_calc_qty():\n    assert calc_qty(2) == 4\n"
    )


async def test_engine_renames_across_files_with_no_model_call(tmp_path: Path) -> None:
    _project(tmp_path)
    with ScriptedServer([]) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("edit", instruction="Rename the function `calc_qty` to `quantity_for`"))
        await router.aclose()
    assert outcome.status == "verified", outcome.message
    assert server.chat_requests() == []
    assert sorted(Path(p).name for p in outcome.changes) == ["report.py", "stock.py", "test_stock.py"]
    assert all(not re.search(r"\bcalc_qty\b", t) and "quantity_for" in t for t in outcome.changes.values())
    assert "def test_calc_qty" in outcome.changes[str(tmp_path / "tests" / "test_stock.py")]  # another name
    assert (tmp_path / "shop" / "stock.py").read_text().startswith("def calc_qty")  # the engine never writes


async def test_engine_leaves_an_ambiguous_or_colliding_rename_to_the_model(tmp_path: Path) -> None:
    _project(tmp_path)
    (tmp_path / "shop" / "other.py").write_text("def calc_qty(n):\n    return n\n\n\nquantity_for = 3\n")
    reply = completion("```python\ndef calc_qty(n):\n    return n * 2\n```")
    with ScriptedServer([reply] * 8) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(
            Task("edit", instruction="Rename `calc_qty` to `quantity_for`", path=str(tmp_path / "shop" / "stock.py"))
        )
        await router.aclose()
    assert server.chat_requests(), "two definitions: the harness must not guess which one is meant"
    assert not any("renamed" in unit for unit in outcome.units)
