import pytest

from shipping.parcel import Parcel
from shipping.quote import NoRate, QuoteEngine

SMALL = Parcel(0.8, 20, 15, 10)
MEDIUM = Parcel(4.0, 30, 20, 20)
LONG = Parcel(2.0, 120, 10, 10)


def test_quote_standard_and_express():
    engine = QuoteEngine()
    q = engine.quote("standard", SMALL, "69001")
    assert (q.zone, q.base_cents, q.total_cents) == (2, 590, 590)
    q = engine.quote("express", MEDIUM, "75011", fragile=True)
    assert q.base_cents == 1490
    assert q.surcharges == {"fragile": 300}
    assert q.total_cents == 1790


def test_quote_oversize_and_no_rate():
    engine = QuoteEngine()
    q = engine.quote("standard", LONG, "69001")
    assert q.surcharges == {"oversize": 1500}
    assert q.describe() == "standard zone 2: 9.90 + oversize 15.00 = 24.90"
    with pytest.raises(NoRate):
        engine.quote("express", SMALL, "20100")
    with pytest.raises(NoRate):
        engine.quote("standard", Parcel(25.0, 10, 10, 10), "69001")
    with pytest.raises(KeyError):
        engine.quote("pigeon", SMALL, "69001")


def test_cheapest_and_added_service():
    engine = QuoteEngine()
    engine.add_service("eco", {2: [(2.0, 450)]})
    assert engine.cheapest(SMALL, "69001").service == "eco"
    assert [q.service for q in engine.all_quotes(MEDIUM, "69001")] == ["standard", "express"]
    assert engine.split_cost([SMALL, MEDIUM], "20100") == 1290 + 2190
