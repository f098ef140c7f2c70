import datetime as dt

import pytest

from orderflow.machine import InvalidEvent, Order, OrderBook
from orderflow.states import State

T0 = dt.datetime(2024, 5, 1, 10, 0)


def test_happy_path():
    order = Order("A1", 2599)
    order.pay(T0)
    order.ship("ZX9", T0 + dt.timedelta(hours=5))
    order.deliver(T0 + dt.timedelta(days=2))
    assert order.state is State.DELIVERED
    assert order.events() == ["pay", "ship", "deliver"]


def test_refused_event_changes_nothing():
    order = Order("A2", 100)
    with pytest.raises(InvalidEvent):
        order.ship("X")
    assert order.state is State.PLACED


def test_each_order_has_its_own_history():
    first = Order("B1", 500)
    first.pay(T0)
    second = Order("B2", 700)
    assert second.history == []
    second.cancel("customer changed mind", T0)
    assert first.events() == ["pay"]
    assert second.events() == ["cancel"]


def test_book_counts_states():
    book = OrderBook()
    book.place("C1", 100)
    book.place("C2", 200)
    book.apply("C1", "pay", T0)
    assert book.count_by_state() == {State.PAID: 1, State.PLACED: 1}
