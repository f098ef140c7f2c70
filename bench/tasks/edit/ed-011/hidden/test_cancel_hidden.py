from decimal import Decimal

import pytest

from orders.machine import InvalidTransition, Order
from orders.payments import MemoryGateway
from orders.service import OrderService


def new_order():
    order = Order("O-1", "ana")
    order.add_line("tea", 2, Decimal("3.50"))
    return order


def test_cancel_pending():
    order = new_order()
    assert order.cancel_reason is None
    assert order.can("cancel")
    order.cancel("changed my mind")
    assert order.state == "cancelled"
    assert order.cancel_reason == "changed my mind"
    assert order.history[-1][:3] == ("cancel", "pending", "cancelled")
    assert len(order.history) == 1
    assert order.allowed_events() == []


def test_cancel_paid():
    order = new_order()
    order.pay()
    order.cancel("out of stock")
    assert order.state == "cancelled"
    assert [h[0] for h in order.history] == ["pay", "cancel"]


def test_cannot_cancel_after_shipping():
    order = new_order()
    order.pay()
    order.ship("TRK")
    assert not order.can("cancel")
    with pytest.raises(InvalidTransition):
        order.cancel("too late")
    assert order.state == "shipped"
    assert order.cancel_reason is None
    with pytest.raises(InvalidTransition):
        order.pay()


def test_cancelled_orders_stay_cancelled():
    order = new_order()
    order.cancel("dup")
    with pytest.raises(InvalidTransition):
        order.pay()
    with pytest.raises(InvalidTransition):
        order.cancel("again")


def test_service_refunds_paid_orders():
    gateway = MemoryGateway()
    service = OrderService(gateway)
    paid = service.place_order("ana", [("tea", 2, "3.50"), ("mug", 1, "8.00")])
    service.pay_order(paid.order_id)
    result = service.cancel_order(paid.order_id, "out of stock")
    assert result is paid and paid.state == "cancelled"
    assert gateway.refunds == [(paid.order_id, Decimal("15.00"))]
    assert gateway.charged(paid.order_id) == 0


def test_service_does_not_refund_unpaid_orders():
    gateway = MemoryGateway()
    service = OrderService(gateway)
    pending = service.place_order("bo", [("tea", 1, "3.50")])
    service.cancel_order(pending.order_id, "typo")
    assert pending.cancel_reason == "typo"
    assert gateway.refunds == []
    assert service.by_state("cancelled") == [pending]


def test_service_rejects_cancel_after_shipping():
    gateway = MemoryGateway()
    service = OrderService(gateway)
    order = service.place_order("cy", [("tea", 1, "3.50")])
    service.pay_order(order.order_id)
    service.ship_order(order.order_id, "TRK9")
    with pytest.raises(InvalidTransition):
        service.cancel_order(order.order_id, "late")
    assert gateway.refunds == []
