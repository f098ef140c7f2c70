"""The matching arithmetic of bench/graph_accuracy.py (no jedi, no stdlib index)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location(
    "graph_accuracy", Path(__file__).resolve().parent.parent / "bench" / "graph_accuracy.py"
)
assert _spec is not None and _spec.loader is not None
ga = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("graph_accuracy", ga)  # dataclasses look their module up there
_spec.loader.exec_module(ga)


def test_tally_precision_recall_and_buckets() -> None:
    t = ga.Tally()
    # resolved and right
    assert t.add({"a"}, "a", {"a"}, 0, False) == "agree"
    # two candidates, one right
    assert t.add({"b", "c"}, None, {"b"}, 0, False) == "disagree"
    # resolved and wrong
    assert t.add({"d"}, "d", {"e"}, 0, False) == "disagree"
    # we have nothing, jedi has two
    assert t.add(set(), None, {"f", "g"}, 0, False) == "disagree"
    # unjudgeable: jedi points outside the graph / nowhere
    assert t.add({"h"}, "h", set(), 1, False) == "unjudged"
    assert t.add(set(), None, set(), 0, False) == "unjudged"
    assert t.add({"i", "j"}, None, set(), 0, True) == "unjudged"

    assert (t.sites, t.judgeable, t.jedi_outside, t.jedi_nothing) == (7, 4, 1, 2)
    assert (t.we_nothing, t.we_nothing_judgeable) == (2, 1)
    assert (t.ours, t.jedi, t.both) == (4, 5, 2)
    assert (t.unjudged_sites_with_ours, t.unjudged_edges, t.unjudged_resolved_edges) == (2, 3, 1)
    m = t.metrics()
    assert m["precision"] == pytest.approx(2 / 4)
    assert m["recall"] == pytest.approx(2 / 5)
    assert m["precision_resolved"] == pytest.approx(1 / 2)
    assert m["recall_resolved"] == pytest.approx(1 / 5)
    assert m["exact_site_rate"] == pytest.approx(1 / 4)


def test_empty_tally_has_no_ratios() -> None:
    assert ga.Tally().metrics()["precision"] is None


def test_utf16_to_codepoint() -> None:
    line = "x = '\U0001f600'; f()"
    assert ga.utf16_to_codepoint(line, 0) == 0
    # the emoji is two UTF-16 units but one code point
    assert ga.utf16_to_codepoint(line, len("x = '") + 2 + len("'; ")) == line.index("f")
    assert ga.utf16_to_codepoint("abc", 99) == 3


def test_disagreement_kind() -> None:
    assert ga.disagreement_kind(set(), None, {"a"}, None) == "we-nothing / bare name"
    assert ga.disagreement_kind({"b"}, "b", {"a"}, "self") == "resolved-wrong / self"
    assert ga.disagreement_kind({"a"}, "a", {"a", "b"}, "self._x") == "jedi-more / self.attr"
    assert ga.disagreement_kind({"a", "b"}, None, {"a"}, "obj") == "candidates-extra / name"
    assert ga.disagreement_kind({"b", "c"}, None, {"a"}, "?") == "candidates-miss / complex expr"
    assert ga.disagreement_kind({"a", "c"}, None, {"a", "b"}, "mod.x") == "candidates-partial / name.attr"
