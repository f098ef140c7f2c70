import pytest

from pipeline.errors import SpecError, StageError
from pipeline.stages import Derive, Filter, Pipeline, Require, from_spec

ROWS = [
    {"SKU": "a1", "qty": "3", "price": "2.5"},
    {"SKU": "a2", "qty": "x", "price": "1"},
    {"SKU": "a1", "qty": "4", "price": "2.5"},
    {"SKU": "a3", "qty": "", "price": "9"},
    {"SKU": "a4", "qty": "1", "price": "0"},
]
SPEC = [{"rename": {"SKU": "sku"}}, {"cast": {"qty": "int", "price": "float"}}, {"require": ["qty"]}, {"dedupe": ["sku"]}]


def test_raise_policy_wraps_the_error():
    pipeline = from_spec(SPEC)
    with pytest.raises(StageError) as info:
        pipeline.run(ROWS)
    assert info.value.stage == "cast"
    assert info.value.index == 1
    assert isinstance(info.value.cause, ValueError)


def test_collect_and_skip_policies():
    pipeline = from_spec(SPEC, policy="collect")
    pipeline.add(Filter(lambda r: r["price"] > 0))
    pipeline.add(Derive("total", lambda r: r["qty"] * r["price"]))
    out = pipeline.run(ROWS)
    assert out == [{"sku": "a1", "qty": 3, "price": 2.5, "total": 7.5}]
    assert [(e.stage, e.index) for e in pipeline.failures] == [("cast", 1), ("require", 3)]
    assert pipeline.stats.read == 5 and pipeline.stats.failed == 2
    assert pipeline.stats.dropped_by == {"dedupe": 1, "filter": 1}
    again = pipeline.run(ROWS)
    assert again == out
    skip = from_spec(SPEC, policy="skip")
    assert len(skip.run(ROWS)) == 2 and skip.failures == []


def test_spec_errors_and_describe():
    with pytest.raises(SpecError):
        from_spec([{"cast": {"qty": "decimal"}}])
    with pytest.raises(SpecError):
        from_spec([{"explode": 1}])
    assert from_spec(SPEC).describe() == "rename -> cast -> require -> dedupe"
    assert Pipeline([Require(["x"])], policy="skip").run([{"x": 1}, {}]) == [{"x": 1}]
    with pytest.raises(ValueError):
        Pipeline(policy="ignore")
