"""The bus: handlers subscribe to event patterns and are called on publish.

Handlers run in order of priority (higher first), then of subscription.
A handler subscribed with `once=True` is removed after its first call.
An exception in a handler does not stop the others: it is recorded in
`bus.errors` and publishing goes on.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any, Callable

from .events import Event, matches, validate_name

Handler = Callable[[Event], Any]


@dataclass
class Subscription:
    pattern: str
    handler: Handler
    priority: int
    order: int
    once: bool = False


class EventBus:
    def __init__(self, keep_history: int = 100) -> None:
        self._subs: list[Subscription] = []
        self._counter = itertools.count()
        self.errors: list[tuple[str, Exception]] = []
        self.history: list[Event] = []
        self.keep_history = keep_history

    def subscribe(self, pattern: str, handler: Handler, priority: int = 0, once: bool = False) -> Subscription:
        if pattern != "*":
            validate_name(pattern[:-2] if pattern.endswith(".*") else pattern)
        sub = Subscription(pattern, handler, priority, next(self._counter), once)
        self._subs.append(sub)
        return sub

    def on(self, pattern: str, priority: int = 0):
        """Decorator form of `subscribe`."""

        def register(handler: Handler) -> Handler:
            self.subscribe(pattern, handler, priority)
            return handler

        return register

    def unsubscribe(self, sub: Subscription) -> bool:
        try:
            self._subs.remove(sub)
        except ValueError:
            return False
        return True

    def subscriptions_for(self, name: str) -> list[Subscription]:
        """The subscriptions an event with this name reaches, in calling order."""
        found = [s for s in self._subs if matches(s.pattern, name)]
        found.sort(key=lambda s: (-s.priority, s.order))
        return found

    def publish(self, name: str, **payload: Any) -> list[Any]:
        """Call every matching handler; returns their results (None for failed ones)."""
        event = Event(validate_name(name), payload)
        self.history.append(event)
        del self.history[: max(0, len(self.history) - self.keep_history)]
        results = []
        for sub in self.subscriptions_for(name):
            if sub.once:
                self.unsubscribe(sub)
            try:
                results.append(sub.handler(event))
            except Exception as exc:  # one bad handler must not break the others
                self.errors.append((name, exc))
                results.append(None)
        return results

    def count(self, pattern: str = "*") -> int:
        """How many events in the history match a pattern."""
        return sum(1 for event in self.history if matches(pattern, event.name))

    def replay(self, handler: Handler, pattern: str = "*") -> int:
        """Call `handler` with every past event matching `pattern`; returns how many."""
        events = [e for e in self.history if matches(pattern, e.name)]
        for event in events:
            handler(event)
        return len(events)

    def clear(self) -> None:
        self._subs.clear()
        self.history.clear()
        self.errors.clear()
