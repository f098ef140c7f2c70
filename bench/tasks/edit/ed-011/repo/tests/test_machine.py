from decimal import Decimal

import pytest

from orders.machine import InvalidTransition, Order


def test_happy_path():
    order = Order("O-1", "ana")
    order.add_line("tea", 2, Decimal("3.50"))
    order.pay()
    order.ship("TRK1")
    order.deliver()
    assert order.state == "delivered" and order.is_final
    assert [h[0] for h in order.history] == ["pay", "ship", "deliver"]


def test_cannot_ship_unpaid():
    order = Order("O-1", "ana")
    with pytest.raises(InvalidTransition):
        order.ship("TRK1")
