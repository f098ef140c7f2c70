"""Order states and the moves allowed between them."""

from __future__ import annotations

from enum import Enum


class State(str, Enum):
    PLACED = "placed"
    PAID = "paid"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"
    REFUNDED = "refunded"


# event name -> {from state: to state}
TRANSITIONS: dict[str, dict[State, State]] = {
    "pay": {State.PLACED: State.PAID},
    "ship": {State.PAID: State.SHIPPED},
    "deliver": {State.SHIPPED: State.DELIVERED},
    "cancel": {State.PLACED: State.CANCELLED, State.PAID: State.CANCELLED},
    "refund": {State.CANCELLED: State.REFUNDED, State.DELIVERED: State.REFUNDED},
}

FINAL = frozenset({State.REFUNDED})


def events_from(state: State) -> list[str]:
    """The events that are allowed in `state`, in name order."""
    return sorted(event for event, moves in TRANSITIONS.items() if state in moves)
