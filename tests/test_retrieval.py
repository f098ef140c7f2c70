"""relevant(): ranked code units inside a token budget, never cut."""

from __future__ import annotations

import textwrap
from pathlib import Path

from smallcode_ls.graph import CodeGraph, relevant
from smallcode_ls.graph.extract import extract_file
from smallcode_ls.graph.languages import language_for
from smallcode_ls.graph.retrieval import estimate_tokens, rank, seeds_from_question

FILES = {
    "shop/pricing.py": '''
        """Prices."""


        def tax(amount):
            """Sales tax for an amount."""
            return amount * 0.2


        def total(items):
            """Sum of prices plus tax."""
            subtotal = sum(i.price for i in items)
            return subtotal + tax(subtotal)
        ''',
    "shop/cart.py": '''
        from .pricing import total


        class Cart:
            """A shopping cart."""

            def __init__(self):
                self.items = []

            def add(self, item):
                self.items.append(item)

            def checkout(self):
                return total(self.items)
        ''',
    "shop/unrelated.py": '''
        def banner(text):
            """Decorate a line of text."""
            return "*** " + text + " ***"


        def shout(text):
            return banner(text.upper())
        ''',
    "tests/test_cart.py": """
        from shop.cart import Cart


        def test_checkout_empty():
            assert Cart().checkout() == 0
        """,
}


def build(tmp_path: Path) -> CodeGraph:
    (tmp_path / "shop").mkdir()
    (tmp_path / "tests").mkdir()
    (tmp_path / "shop" / "__init__.py").write_text("")
    paths = [tmp_path / "shop" / "__init__.py"]
    for rel, text in FILES.items():
        path = tmp_path / rel
        path.write_text(textwrap.dedent(text).lstrip())
        paths.append(path)
    graph = CodeGraph([str(tmp_path)])
    graph.load([extract_file(str(p), language_for(p), p.read_bytes()) for p in paths])  # type: ignore[arg-type]
    return graph


def test_seed_neighbours_outrank_unrelated_code(tmp_path: Path) -> None:
    graph = build(tmp_path)
    (checkout,) = graph.find("Cart.checkout")
    scores = rank(graph, {checkout.id: 1.0})
    (total,) = graph.find("total")
    (tax,) = graph.find("tax")
    assert scores[total.id] > scores.get(tax.id, 0) > 0
    assert all(not sid.endswith("banner") for sid in scores)  # not connected at all


def test_units_are_whole_and_fit_the_budget(tmp_path: Path) -> None:
    graph = build(tmp_path)
    full = relevant(graph, ["Cart.checkout"], token_budget=10_000)
    assert full.units[0].symbol.qualname == "Cart.checkout"
    assert full.units[0].form == "full"
    assert "return total(self.items)" in full.units[0].text
    for budget in (5, 40, 80, 150, 400):
        ctx = relevant(graph, ["Cart.checkout"], token_budget=budget)
        assert ctx.tokens <= budget
        assert ctx.tokens == sum(estimate_tokens(u.text) for u in ctx.units)
        for unit in ctx.units:
            # Each unit is the symbol's whole source or its signature, never a slice.
            body = unit.text.split("\n", 1)[1]
            if unit.form == "full":
                src = Path(unit.symbol.path).read_bytes()
                line_start = src.rfind(b"\n", 0, unit.symbol.start_byte) + 1
                assert body == src[line_start : unit.symbol.end_byte].decode()
            else:
                assert body.strip().startswith(unit.symbol.signature)
        shown = {u.symbol.id for u in ctx.units}
        assert not shown & set(ctx.dropped)


def test_too_big_in_full_falls_back_to_the_signature(tmp_path: Path) -> None:
    graph = build(tmp_path)
    ctx = relevant(graph, ["Cart"], token_budget=40)
    (unit,) = [u for u in ctx.units if u.symbol.qualname == "Cart"]
    assert unit.form == "summary"
    assert "class Cart" in unit.text
    assert "self.items = []" not in unit.text


def test_question_finds_seeds_by_name(tmp_path: Path) -> None:
    graph = build(tmp_path)
    seeds = seeds_from_question(graph, "Why does checkout add tax twice?")
    names = {graph.symbols[s].qualname for s in seeds}
    assert {"Cart.checkout", "tax", "Cart.add"} <= names
    ctx = relevant(graph, "Why does checkout add tax twice?", token_budget=300)
    assert {"Cart.checkout", "tax"} <= {u.symbol.qualname for u in ctx.units}


def test_nothing_relevant_gives_an_empty_context(tmp_path: Path) -> None:
    graph = build(tmp_path)
    ctx = relevant(graph, "zzz qqq", token_budget=300)
    assert ctx.units == [] and ctx.tokens == 0
