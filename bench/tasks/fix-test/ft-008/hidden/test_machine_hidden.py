import datetime as dt

from orderflow.machine import Order, OrderBook
from orderflow.states import State

T0 = dt.datetime(2024, 6, 3, 9, 30)
H = dt.timedelta(hours=1)


def test_histories_are_separate():
    orders = [Order(f"N{i}", 100 * i) for i in range(3)]
    orders[0].pay(T0)
    orders[0].cancel("out of stock", T0 + H)
    orders[1].pay(T0)
    assert orders[0].events() == ["pay", "cancel"]
    assert orders[1].events() == ["pay"]
    assert orders[2].events() == []
    assert orders[2].timeline() == []


def test_explicit_history_is_kept():
    from orderflow.machine import Step

    earlier = [Step("pay", State.PLACED, State.PAID, T0)]
    order = Order("R1", 900, history=earlier, state=State.PAID)
    order.ship("TRK", T0 + H)
    assert order.events() == ["pay", "ship"]


def test_book_time_in_state_per_order():
    book = OrderBook()
    book.place("P1", 100)
    book.place("P2", 100)
    book.apply("P1", "pay", T0)
    book.apply("P2", "pay", T0 + 3 * H)
    now = T0 + 5 * H
    assert book.get("P1").time_in(State.PAID, now) == 5 * H
    assert book.get("P2").time_in(State.PAID, now) == 2 * H
    assert book.stuck(State.PAID, now, 4 * H) == ["P1"]


def test_refunded_total():
    book = OrderBook()
    for oid, cents in [("Q1", 1000), ("Q2", 250), ("Q3", 70)]:
        book.place(oid, cents)
    book.apply("Q1", "cancel", T0)
    book.apply("Q1", "refund", T0 + H)
    book.apply("Q2", "pay", T0)
    assert book.refunded_cents() == 1000
    assert book.get("Q3").events() == []
