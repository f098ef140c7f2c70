import datetime as dt

import pytest

from pantry.batches import BatchStore, InsufficientStock, UnknownBatch, fulfil_order

D = dt.date
TODAY = D(2024, 3, 10)


def make_store():
    store = BatchStore()
    store.receive("beans", 5, D(2024, 1, 1))  # 1: never expires
    store.receive("beans", 4, D(2024, 2, 1), D(2024, 4, 1))  # 2
    store.receive("beans", 3, D(2024, 1, 15), D(2024, 3, 20))  # 3: earliest usable expiry
    store.receive("beans", 7, D(2024, 1, 1), D(2024, 3, 1))  # 4: expired
    store.receive("rice", 2, D(2024, 1, 1), D(2024, 3, 10))  # 5: expires today, still usable
    return store


def test_fefo_order_and_partial():
    store = make_store()
    assert store.consume("beans", 5, TODAY) == [(3, 3), (2, 2)]
    assert store.batch(2).quantity == 2
    with pytest.raises(UnknownBatch):
        store.batch(3)


def test_never_expiring_last():
    store = make_store()
    assert store.consume("beans", 9, TODAY) == [(3, 3), (2, 4), (1, 2)]
    assert store.on_hand("beans") == 3 + 7


def test_expiry_day_is_usable():
    store = make_store()
    assert store.consume("rice", 2, TODAY) == [(5, 2)]
    assert store.on_hand("rice") == 0


def test_insufficient_changes_nothing():
    store = make_store()
    before = store.export_csv()
    with pytest.raises(InsufficientStock) as info:
        store.consume("beans", 13, TODAY)  # 12 usable (expired batch does not count)
    assert info.value.available == 12
    assert store.export_csv() == before
    assert [m.kind for m in store.log].count("out") == 0


def test_bad_quantity():
    with pytest.raises(ValueError):
        make_store().consume("beans", 0, TODAY)


def test_ties_by_received_then_id():
    store = BatchStore()
    store.receive("oil", 1, D(2024, 2, 1), D(2024, 5, 1))  # 1
    store.receive("oil", 1, D(2024, 1, 1), D(2024, 5, 1))  # 2: older
    store.receive("oil", 1, D(2024, 1, 1), D(2024, 5, 1))  # 3
    assert [b for b, _ in store.consume("oil", 3, TODAY)] == [2, 3, 1]


def test_log_and_fulfil():
    store = make_store()
    picks = fulfil_order(store, {"beans": 1, "rice": 1}, TODAY)
    assert picks == {"beans": [(3, 1)], "rice": [(5, 1)]}
    outs = [(m.batch_id, m.quantity) for m in store.log if m.kind == "out"]
    assert outs == [(3, 1), (5, 1)]


def test_reservations_hand_out():
    from pantry.batches import ReservationBook

    store = make_store()
    book = ReservationBook(store)
    book.reserve("shelter", "beans", 4, TODAY)
    assert book.free("beans", TODAY) == 8
    with pytest.raises(InsufficientStock):
        book.reserve("school", "beans", 9, TODAY)
    assert book.hand_out(TODAY) == {"shelter": [(3, 3), (2, 1)]}
    assert book.due(TODAY) == []
