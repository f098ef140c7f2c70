"""AskFacts on a real code graph: who sets what a method reads, and what an answer left out."""

from __future__ import annotations

from pathlib import Path

from smallcode_ls.agent.ask_facts import AskFacts, drop_sentences_with
from smallcode_ls.graph import CodeGraph, IndexOptions, index_workspace
from smallcode_ls.workspace import Workspace

STORE = '''LIMIT = 300


class Cache:
    def __init__(self, max_age):
        self.max_age = max_age
        self.generation = 0
        self.hits = 0

    def get(self, key, entries):
        entry = entries.get(key)
        if entry is not None and entry.made == self.generation and entry.age < min(self.max_age, LIMIT):
            self.hits += 1
            return entry.value
        return None

    def invalidate_all(self):
        """Every entry goes stale at once."""
        self.generation += 1

    def resize(self, max_age):
        self.max_age = max_age

    def reset_stats(self):
        self.hits = 0

    def describe(self):
        return f"generation {self.generation}"


def warm(cache: Cache, keys, entries):
    return [cache.get(k, entries) for k in keys]
'''


def facts_for(root: Path, files: dict[str, str]) -> tuple[AskFacts, CodeGraph]:
    for name, text in files.items():
        (root / name).write_text(text)
    graph = CodeGraph([str(root)])
    index_workspace(graph, IndexOptions(cache=False))
    return AskFacts(graph, Workspace([str(root)])), graph


def test_attribute_writers_are_the_other_methods_that_set_what_a_method_reads(tmp_path: Path) -> None:
    facts, graph = facts_for(tmp_path, {"store.py": STORE})
    (get,) = graph.find("get")
    found = [(attribute, method.qualname) for attribute, method in facts.attribute_writers(get)]
    # Not the constructor; not `hits`, which `get` sets itself; not `describe`, which only reads.
    assert found == [("self.generation", "Cache.invalidate_all"), ("self.max_age", "Cache.resize")]
    (warm,) = graph.find("warm")
    assert facts.attribute_writers(warm) == []  # a function has no attributes of its own


def test_the_facts_say_who_sets_what_the_asked_method_reads(tmp_path: Path) -> None:
    facts, graph = facts_for(tmp_path, {"store.py": STORE})
    (get,) = graph.find("get")
    text = facts.graph_facts(facts.call_graph([get.id]), [get.id])
    assert "- `Cache.get` reads `self.generation`, which `Cache.invalidate_all` (store.py:17) changes." in text
    assert "- `Cache.get` uses the constants: `LIMIT = 300` (store.py:1)." in text


def test_left_out_lists_what_the_facts_give_and_the_answer_does_not_name(tmp_path: Path) -> None:
    facts, graph = facts_for(tmp_path, {"store.py": STORE})
    (get,) = graph.find("get")
    links = facts.call_graph([get.id])
    answer = "`Cache.get` returns the entry's value while it is fresh."
    left = facts.left_out(answer, links, [get.id], "How does Cache.get decide an entry is stale?")
    assert left == [
        ("Cache.invalidate_all", "store.py:17; it changes `self.generation`, which `Cache.get` reads"),
        ("Cache.resize", "store.py:21; it changes `self.max_age`, which `Cache.get` reads"),
        ("LIMIT", "a constant `Cache.get` uses: `LIMIT = 300` (store.py:1)"),
        ("warm", "store.py:31; it calls `Cache.get`"),  # who calls it comes last
    ]
    # Named in code, or by a qualified name or a name no English word has, counts; a bare
    # "resize" in prose does not (it may be the verb).
    named = "`get` is called by warm(); `invalidate_all` bumps it; LIMIT caps it. Caches resize."
    assert [name for name, _ in facts.left_out(named, links, [get.id], "")] == ["Cache.resize"]


def test_left_out_asks_first_about_what_the_question_names_and_never_about_tests(tmp_path: Path) -> None:
    helpers = "".join(f"def {n}(x):\n    return x\n\n\n" for n in ("alpha", "beta", "gamma", "delta"))
    facts, graph = facts_for(
        tmp_path,
        {
            "table.py": helpers
            + "def column_widths(rows):\n    return rows\n\n\n"
            + "def render(rows):\n    return alpha(beta(gamma(delta(column_widths(rows)))))\n",
            "test_table.py": "from table import render\n\n\ndef test_render():\n    assert render([]) == []\n",
        },
    )
    (render,) = graph.find("render")
    links = facts.call_graph([render.id], "How wide is each column?")
    left = facts.left_out("`render` draws the table.", links, [render.id], "How wide is each column?")
    assert [name for name, _ in left] == ["column_widths", "alpha", "beta", "gamma", "delta"]
    assert all("test_render" not in why for _, why in left)
    # The asked symbol itself, when the answer never names it.
    assert facts.left_out("It draws.", links, [render.id], "")[0] == ("render", "the code asked about (table.py:21)")


INVENTORY = """from alerts import check_low_stock, resolve


class Inventory:
    def __init__(self):
        self.items = {}

    def restock(self, sku, n):
        self.items[sku] = self.items.get(sku, 0) + n
        resolve(sku)

    def remove(self, sku, n):
        self.items[sku] -= n
        check_low_stock(sku, self.items[sku])

    def count(self, sku, n):
        self.items[sku] = n
        check_low_stock(sku, n)
"""
ALERTS = "def resolve(sku):\n    return sku\n\n\ndef check_low_stock(sku, on_hand):\n    return on_hand < 3\n"


def test_what_the_question_names_beyond_the_asked_symbol_gets_its_calls_and_is_asked_about(tmp_path: Path) -> None:
    facts, graph = facts_for(tmp_path, {"inventory.py": INVENTORY, "alerts.py": ALERTS})
    (restock,) = graph.find("restock")
    question = "What does `Inventory.restock` do, and where is low stock reported?"
    # `restock` never calls `check_low_stock`; it is in a file `restock`'s calls reach.
    assert [s.qualname for s in facts.question_symbols([restock.id], question)] == ["check_low_stock"]
    links = facts.call_graph([restock.id], question)
    text = facts.graph_facts(links, [restock.id])
    assert (
        "- `check_low_stock` is called by: `Inventory.remove` (inventory.py:12), `Inventory.count` (inventory.py:16)."
        in text
    )
    left = facts.left_out("`Inventory.restock` adds to `items` and calls `resolve`.", links, [restock.id], question)
    assert left == [  # of what calls the named function, the first only
        ("check_low_stock", "alerts.py:5; the question's words name it"),
        ("Inventory.remove", "inventory.py:12; it calls `check_low_stock`"),
    ]
    # Words of the asked symbol's own name, and question words, name nothing more.
    assert facts.question_symbols([restock.id], "What does restock do when it happens?") == []


def test_dropping_invented_sentences_can_leave_nothing(tmp_path: Path) -> None:
    answer = "`get` reads it. It calls `made_up`."
    assert drop_sentences_with(answer, {"made_up"}) == "`get` reads it."
    assert drop_sentences_with("It calls `made_up`.", {"made_up"}, empty="") == ""
    assert drop_sentences_with("It calls `made_up`.", {"made_up"}).startswith("The code shown does not")
