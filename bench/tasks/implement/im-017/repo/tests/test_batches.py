import datetime as dt

from pantry.batches import BatchStore

D = dt.date


def test_receive_and_on_hand():
    store = BatchStore()
    store.receive("rice", 10, D(2024, 1, 1), D(2024, 6, 1))
    store.receive("rice", 5, D(2024, 1, 2))
    assert store.on_hand("rice") == 15
    assert [b.quantity for b in store.batches("rice")] == [10, 5]


def test_discard_expired():
    store = BatchStore()
    store.receive("milk", 4, D(2024, 1, 1), D(2024, 1, 5))
    assert store.discard_expired(D(2024, 1, 5)) == []
    assert len(store.discard_expired(D(2024, 1, 6))) == 1
    assert store.waste_report(D(2024, 1, 1)) == {"milk": 4}
