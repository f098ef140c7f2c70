"""The order state machine.

    pending --pay--> paid --ship--> shipped --deliver--> delivered
                                     shipped --lose--> lost

Every transition is looked up in TRANSITIONS and appended to the order's
history as (event, from_state, to_state, at).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

PENDING = "pending"
PAID = "paid"
SHIPPED = "shipped"
DELIVERED = "delivered"
LOST = "lost"

TRANSITIONS: dict[tuple[str, str], str] = {
    (PENDING, "pay"): PAID,
    (PAID, "ship"): SHIPPED,
    (SHIPPED, "deliver"): DELIVERED,
    (SHIPPED, "lose"): LOST,
}

FINAL_STATES = {DELIVERED, LOST}


class InvalidTransition(Exception):
    def __init__(self, order_id: str, state: str, event: str) -> None:
        super().__init__(f"order {order_id}: cannot {event} when {state}")
        self.order_id = order_id
        self.state = state
        self.event = event


@dataclass
class Line:
    sku: str
    quantity: int
    unit_price: Decimal

    @property
    def subtotal(self) -> Decimal:
        return self.unit_price * self.quantity


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


@dataclass
class Order:
    order_id: str
    customer: str
    lines: list[Line] = field(default_factory=list)
    state: str = PENDING
    tracking: str | None = None
    history: list[tuple[str, str, str, dt.datetime]] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((line.subtotal for line in self.lines), Decimal("0"))

    @property
    def is_final(self) -> bool:
        return self.state in FINAL_STATES

    def can(self, event: str) -> bool:
        return (self.state, event) in TRANSITIONS

    def allowed_events(self) -> list[str]:
        return sorted(event for (state, event) in TRANSITIONS if state == self.state)

    def _fire(self, event: str, at: dt.datetime | None = None) -> None:
        target = TRANSITIONS.get((self.state, event))
        if target is None:
            raise InvalidTransition(self.order_id, self.state, event)
        self.history.append((event, self.state, target, at or _now()))
        self.state = target

    def add_line(self, sku: str, quantity: int, unit_price: Decimal) -> None:
        if self.state != PENDING:
            raise InvalidTransition(self.order_id, self.state, "add_line")
        if quantity <= 0:
            raise ValueError("quantity must be positive")
        self.lines.append(Line(sku, quantity, unit_price))

    def pay(self, at: dt.datetime | None = None) -> None:
        if not self.lines:
            raise ValueError(f"order {self.order_id} is empty")
        self._fire("pay", at)

    def ship(self, tracking: str, at: dt.datetime | None = None) -> None:
        self._fire("ship", at)
        self.tracking = tracking

    def deliver(self, at: dt.datetime | None = None) -> None:
        self._fire("deliver", at)

    def lose(self, at: dt.datetime | None = None) -> None:
        self._fire("lose", at)

    def timeline(self) -> list[str]:
        """Human readable history lines."""
        return [f"{at:%Y-%m-%d %H:%M} {event}: {old} -> {new}" for event, old, new, at in self.history]
