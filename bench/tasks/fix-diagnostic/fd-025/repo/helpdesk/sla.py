"""Service levels: how fast a ticket must be resolved, by priority."""

from __future__ import annotations

import datetime as dt

RESOLVE_WITHIN_HOURS = {"urgent": 4, "high": 24, "normal": 72, "low": 168}
PRIORITIES = tuple(RESOLVE_WITHIN_HOURS)  # most urgent first


def check_priority(priority: str) -> str:
    if priority not in RESOLVE_WITHIN_HOURS:
        raise ValueError(f"unknown priority {priority!r}; one of {', '.join(PRIORITIES)}")
    return priority


def deadline(created: dt.datetime, priority: str) -> dt.datetime:
    return created + dt.timedelta(hours=RESOLVE_WITHIN_HOURS[check_priority(priority)])


def breached(created: dt.datetime, priority: str, resolved: dt.datetime | None, now: dt.datetime) -> bool:
    """Whether the ticket was (or, unresolved, is now) past its deadline."""
    end = resolved if resolved is not None else now
    return end > deadline(created, priority)


def remaining(created: dt.datetime, priority: str, now: dt.datetime) -> dt.timedelta:
    """Time left before the deadline (negative once breached)."""
    return deadline(created, priority) - now
