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


def test_bucket() -> None:
    assert ga.bucket({"a"}, ["stub function"], False) == ga.JUDGED
    assert ga.bucket(set(), ["stub function", "compiled class", "outside function"], False) == ga.EXTERNAL
    # a stub of a module we have, or a value: jedi did not find the definition
    assert ga.bucket(set(), ["stub function", "graph-stub function"], False) == ga.OPAQUE
    assert ga.bucket(set(), ["graph-file param"], False) == ga.OPAQUE
    assert ga.bucket(set(), ["stub variable"], False) == ga.OPAQUE
    assert ga.bucket(set(), [], False) == ga.NOTHING
    assert ga.bucket(set(), ["error ValueError"], True) == ga.NOTHING


def test_tally_precision_recall_and_buckets() -> None:
    t = ga.Tally()
    # resolved and right
    assert t.add({"a"}, "a", {"a"}, ga.JUDGED) == "agree"
    # two candidates, one right
    assert t.add({"b", "c"}, None, {"b"}, ga.JUDGED) == "disagree"
    # resolved and wrong
    assert t.add({"d"}, "d", {"e"}, ga.JUDGED) == "disagree"
    # we have nothing, jedi has two
    assert t.add(set(), None, {"f", "g"}, ga.JUDGED) == "disagree"
    # jedi says the callee is a builtin: our edge is contradicted
    assert t.add({"h"}, "h", set(), ga.EXTERNAL) == "contradicted"
    assert t.add({"k", "l"}, None, set(), ga.EXTERNAL) == "contradicted"
    assert t.add(set(), None, set(), ga.EXTERNAL) == "unjudged"
    # jedi stops at a param, or says nothing
    assert t.add(set(), None, set(), ga.NOTHING) == "unjudged"
    assert t.add({"i", "j"}, None, set(), ga.OPAQUE) == "unjudged"

    assert (t.sites, t.judgeable, t.jedi_external, t.jedi_opaque, t.jedi_nothing) == (9, 4, 3, 1, 1)
    assert (t.we_nothing, t.we_nothing_judgeable) == (3, 1)
    assert (t.ours, t.jedi, t.both) == (4, 5, 2)
    assert (t.contradicted_sites, t.contradicted_edges, t.contradicted_resolved) == (2, 3, 1)
    assert (t.unjudged_sites, t.unjudged_edges, t.unjudged_resolved) == (1, 2, 0)
    m = t.metrics()
    assert m["precision"] == pytest.approx(2 / 4)
    assert m["recall"] == pytest.approx(2 / 5)
    assert m["precision_resolved"] == pytest.approx(1 / 2)
    assert m["recall_resolved"] == pytest.approx(1 / 5)
    assert m["exact_site_rate"] == pytest.approx(1 / 4)
    assert m["precision_strict"] == pytest.approx(2 / 7)
    assert m["precision_resolved_strict"] == pytest.approx(1 / 3)


def test_empty_tally_has_no_ratios() -> None:
    assert ga.Tally().metrics()["precision"] is None


def test_utf16_to_codepoint() -> None:
    line = "x = '\U0001f600'; f()"
    assert ga.utf16_to_codepoint(line, 0) == 0
    # the emoji is two UTF-16 units but one code point
    assert ga.utf16_to_codepoint(line, len("x = '") + 2 + len("'; ")) == line.index("f")
    assert ga.utf16_to_codepoint("abc", 99) == 3


def test_name_column() -> None:
    assert ga.name_column("    x.f()", 6, "f") == 6
    # a dotted decorator whose ref starts at the receiver
    assert ga.name_column("    @abc.abstractmethod", 5, "abstractmethod") == 9
    assert ga.name_column("a.fa.f()", 0, "f") == 5
    assert ga.name_column("nothing here", 0, "f") == 0


def test_disagreement_kind() -> None:
    assert ga.disagreement_kind(set(), None, {"a"}, None) == "we-nothing / bare name"
    assert ga.disagreement_kind({"b"}, "b", {"a"}, "self") == "resolved-wrong / self"
    assert ga.disagreement_kind({"a"}, "a", {"a", "b"}, "self._x") == "jedi-more / self.attr"
    assert ga.disagreement_kind({"a", "b"}, None, {"a"}, "obj") == "candidates-extra / name"
    assert ga.disagreement_kind({"b", "c"}, None, {"a"}, "?") == "candidates-miss / complex expr"
    assert ga.disagreement_kind({"a", "c"}, None, {"a", "b"}, "mod.x") == "candidates-partial / name.attr"
    assert ga.disagreement_kind({"a"}, "a", set(), "super()") == "external-resolved / super()"
    assert ga.disagreement_kind({"a", "b"}, None, set(), "self.x.y") == "external-candidates / self.attr.attr"
