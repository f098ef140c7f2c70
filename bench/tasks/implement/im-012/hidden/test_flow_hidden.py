import datetime as dt

import pytest

from orders.flow import OrderFlow, Step
from orders.transitions import InvalidTransition


def test_happy_path():
    flow = OrderFlow("o1")
    assert flow.advance("pay") == "paid"
    assert flow.advance("ship") == "shipped"
    assert flow.advance("deliver") == "delivered"
    assert flow.state == "delivered"
    assert [s.to_state for s in flow.history] == ["paid", "shipped", "delivered"]


def test_event_normalized():
    t = dt.datetime(2024, 5, 1, 12, 0)
    flow = OrderFlow("o2")
    flow.advance("  PAY ", at=t)
    assert flow.history == [Step("new", "pay", "paid", t)]


def test_invalid_changes_nothing():
    flow = OrderFlow("o3")
    flow.advance("pay")
    with pytest.raises(InvalidTransition) as info:
        flow.advance("Deliver")
    assert info.value.state == "paid" and info.value.event == "deliver"
    assert flow.state == "paid"
    assert len(flow.history) == 1


def test_listeners_called():
    seen = []
    flow = OrderFlow("o4")
    flow.on_change(lambda f, step: seen.append((f.order_id, step.event, f.state)))
    flow.advance("cancel")
    with pytest.raises(InvalidTransition):
        flow.advance("pay")
    assert seen == [("o4", "cancel", "cancelled")]
    assert flow.is_final()


def test_replay_and_timing():
    flow = OrderFlow.replay("o5", ["pay", "ship", "lose", "refund"])
    assert flow.state == "refunded"
    t0 = dt.datetime(2024, 1, 1)
    timed = OrderFlow("o6")
    timed.advance("pay", at=t0)
    timed.advance("ship", at=t0 + dt.timedelta(hours=5))
    assert timed.time_in_state("paid", t0 + dt.timedelta(days=9)) == dt.timedelta(hours=5)
