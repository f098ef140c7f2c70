"""Application service: what the web handlers call."""

from __future__ import annotations

import itertools
from decimal import Decimal

from .machine import Order
from .payments import Gateway


class UnknownOrder(KeyError):
    pass


class OrderService:
    def __init__(self, gateway: Gateway) -> None:
        self.gateway = gateway
        self.orders: dict[str, Order] = {}
        self._ids = itertools.count(1)

    def get(self, order_id: str) -> Order:
        try:
            return self.orders[order_id]
        except KeyError:
            raise UnknownOrder(order_id) from None

    def place_order(self, customer: str, lines: list[tuple[str, int, str]]) -> Order:
        """Create a pending order from (sku, quantity, unit price) lines."""
        order = Order(f"O-{next(self._ids):04d}", customer)
        for sku, quantity, price in lines:
            order.add_line(sku, quantity, Decimal(price))
        self.orders[order.order_id] = order
        return order

    def pay_order(self, order_id: str) -> Order:
        """Charge the order total, then mark the order paid."""
        order = self.get(order_id)
        if not order.can("pay"):
            order.pay()  # raises InvalidTransition with the right message
        self.gateway.charge(order_id, order.total)
        order.pay()
        return order

    def ship_order(self, order_id: str, tracking: str) -> Order:
        order = self.get(order_id)
        order.ship(tracking)
        return order

    def by_state(self, state: str) -> list[Order]:
        return [order for order in self.orders.values() if order.state == state]
