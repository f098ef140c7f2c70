"""Orders that move through the workflow in states.py and remember how they got there.

Every order keeps its own history: a list of Step records, one per event
applied, oldest first. A refused event (not allowed in the current state)
raises InvalidEvent and leaves the order unchanged.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from .states import FINAL, TRANSITIONS, State, events_from


class InvalidEvent(RuntimeError):
    pass


@dataclass(frozen=True)
class Step:
    event: str
    source: State
    target: State
    at: dt.datetime
    note: str = ""


class Order:
    def __init__(
        self, order_id: str, total_cents: int, history: list[Step] | None = None, state: State = State.PLACED
    ) -> None:
        if total_cents < 0:
            raise ValueError("an order total cannot be negative")
        self.order_id = order_id
        self.total_cents = total_cents
        self.state = state
        self.history = list(history) if history is not None else []

    def __repr__(self) -> str:
        return f"Order({self.order_id!r}, {self.state.value})"

    def allowed(self) -> list[str]:
        return events_from(self.state)

    def can(self, event: str) -> bool:
        return self.state in TRANSITIONS.get(event, {})

    def apply(self, event: str, at: dt.datetime | None = None, note: str = "") -> Step:
        """Move to the event's target state and record the step."""
        moves = TRANSITIONS.get(event)
        if moves is None:
            raise InvalidEvent(f"unknown event {event!r}")
        if self.state not in moves:
            raise InvalidEvent(f"cannot {event} an order that is {self.state.value}")
        step = Step(event, self.state, moves[self.state], at or dt.datetime.now(), note)
        self.history.append(step)
        self.state = step.target
        return step

    # convenience wrappers, so callers read like the business process
    def pay(self, at: dt.datetime | None = None) -> Step:
        return self.apply("pay", at)

    def ship(self, tracking: str, at: dt.datetime | None = None) -> Step:
        return self.apply("ship", at, note=f"tracking {tracking}")

    def deliver(self, at: dt.datetime | None = None) -> Step:
        return self.apply("deliver", at)

    def cancel(self, reason: str, at: dt.datetime | None = None) -> Step:
        return self.apply("cancel", at, note=reason)

    def refund(self, at: dt.datetime | None = None) -> Step:
        return self.apply("refund", at)

    @property
    def is_final(self) -> bool:
        return self.state in FINAL

    def events(self) -> list[str]:
        return [step.event for step in self.history]

    def time_in(self, state: State, now: dt.datetime) -> dt.timedelta:
        """How long the order has spent in `state` (from entering it to leaving it, or to `now`)."""
        total = dt.timedelta()
        entered: dt.datetime | None = None
        for step in self.history:
            if step.target == state:
                entered = step.at
            elif step.source == state and entered is not None:
                total += step.at - entered
                entered = None
        if entered is not None:
            total += now - entered
        return total

    def timeline(self) -> list[str]:
        """'2024-05-01 10:00  placed -> paid' lines, oldest first."""
        lines = []
        for step in self.history:
            note = f"  ({step.note})" if step.note else ""
            lines.append(f"{step.at:%Y-%m-%d %H:%M}  {step.source.value} -> {step.target.value}{note}")
        return lines


class OrderBook:
    """All orders of the shop, by id."""

    def __init__(self) -> None:
        self._orders: dict[str, Order] = {}

    def place(self, order_id: str, total_cents: int) -> Order:
        if order_id in self._orders:
            raise KeyError(f"duplicate order id {order_id!r}")
        order = Order(order_id, total_cents)
        self._orders[order_id] = order
        return order

    def get(self, order_id: str) -> Order:
        return self._orders[order_id]

    def apply(self, order_id: str, event: str, at: dt.datetime | None = None) -> Step:
        return self._orders[order_id].apply(event, at)

    def count_by_state(self) -> dict[State, int]:
        return dict(Counter(order.state for order in self._orders.values()))

    def in_state(self, state: State) -> list[Order]:
        return [order for order in self._orders.values() if order.state == state]

    def refunded_cents(self) -> int:
        return sum(order.total_cents for order in self.in_state(State.REFUNDED))

    def stuck(self, state: State, now: dt.datetime, longer_than: dt.timedelta) -> list[str]:
        """Ids of orders that have been in `state` for more than `longer_than`."""
        return sorted(
            order.order_id
            for order in self.in_state(state)
            if order.time_in(state, now) > longer_than
        )
