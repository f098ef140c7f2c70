"""The order state machine, as data.

TRANSITIONS maps (current state, event) to the next state. Any pair not in the
table is not allowed.
"""

from __future__ import annotations

INITIAL_STATE = "new"

TRANSITIONS: dict[tuple[str, str], str] = {
    ("new", "pay"): "paid",
    ("new", "cancel"): "cancelled",
    ("paid", "ship"): "shipped",
    ("paid", "refund"): "refunded",
    ("shipped", "deliver"): "delivered",
    ("shipped", "lose"): "lost",
    ("lost", "refund"): "refunded",
    ("delivered", "return"): "returned",
    ("returned", "refund"): "refunded",
}

FINAL_STATES = frozenset({"cancelled", "refunded"})


class InvalidTransition(Exception):
    """An event that is not allowed in the order's current state."""

    def __init__(self, state: str, event: str) -> None:
        super().__init__(f"cannot {event!r} an order that is {state!r}")
        self.state = state
        self.event = event


def states() -> set[str]:
    """Every state that appears in the table."""
    found = {INITIAL_STATE}
    for (state, _), target in TRANSITIONS.items():
        found.update((state, target))
    return found
