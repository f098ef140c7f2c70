"""OrderFlow: one order moving through the state machine of orders/transitions.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Callable

from .transitions import FINAL_STATES, INITIAL_STATE, TRANSITIONS


@dataclass(frozen=True)
class Step:
    from_state: str
    event: str
    to_state: str
    at: dt.datetime | None = None

    def describe(self) -> str:
        when = self.at.strftime("%Y-%m-%d %H:%M") if self.at else "?"
        return f"{when}  {self.from_state} --{self.event}--> {self.to_state}"


Listener = Callable[["OrderFlow", Step], None]


@dataclass
class OrderFlow:
    order_id: str
    state: str = INITIAL_STATE
    history: list[Step] = field(default_factory=list)
    _listeners: list[Listener] = field(default_factory=list, repr=False)

    def on_change(self, listener: Listener) -> None:
        """Call `listener(flow, step)` after every successful transition."""
        self._listeners.append(listener)

    def allowed_events(self) -> list[str]:
        """Events allowed in the current state, sorted."""
        return sorted(event for (state, event) in TRANSITIONS if state == self.state)

    def can(self, event: str) -> bool:
        return (self.state, event.strip().lower()) in TRANSITIONS

    def is_final(self) -> bool:
        return self.state in FINAL_STATES

    def advance(self, event: str, at: dt.datetime | None = None) -> str:
        """Apply `event` and return the new state.

        The event name is matched case-insensitively, ignoring surrounding
        spaces, and looked up with the current state in TRANSITIONS
        (orders/transitions.py). On success: the state changes, a Step
        (from_state, normalized event, to_state, at) is appended to `history`,
        and every listener registered with `on_change` is called with
        (self, step). When the pair is not in the table, raise
        InvalidTransition(current state, normalized event) and change nothing.
        """
        raise NotImplementedError

    @classmethod
    def replay(cls, order_id: str, events: list[str]) -> OrderFlow:
        """Rebuild an order's flow from its stored event names."""
        flow = cls(order_id)
        for event in events:
            flow.advance(event)
        return flow

    def timeline(self) -> list[str]:
        return [step.describe() for step in self.history]

    def time_in_state(self, state: str, now: dt.datetime) -> dt.timedelta:
        """Total time spent in `state`, counting up to `now` if the order is still in it.

        Only timed steps count; an order that never left its initial state has
        no timing information and gives zero.
        """
        total = dt.timedelta()
        entered: dt.datetime | None = None
        for step in self.history:
            if step.at is None:
                continue
            if step.from_state == state and entered is not None:
                total += step.at - entered
                entered = None
            if step.to_state == state:
                entered = step.at
        if entered is not None and self.state == state:
            total += now - entered
        return total


def count_by_state(flows: list[OrderFlow]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for flow in flows:
        counts[flow.state] = counts.get(flow.state, 0) + 1
    return dict(sorted(counts.items()))


def stuck_orders(flows: list[OrderFlow], state: str, now: dt.datetime, limit: dt.timedelta) -> list[str]:
    """Orders that have been in `state` longer than `limit`."""
    return sorted(f.order_id for f in flows if f.state == state and f.time_in_state(state, now) > limit)
