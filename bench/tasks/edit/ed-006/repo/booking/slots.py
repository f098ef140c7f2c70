"""Parsing and formatting of times and time slots like '09:00-10:30'."""

from __future__ import annotations

import re

from .models import Slot

_TIME = re.compile(r"^(\d{1,2})(?::?(\d{2}))?\s*(am|pm)?$", re.IGNORECASE)
MINUTES_PER_DAY = 24 * 60


def parse_time(text: str) -> int:
    """'9:30', '0930', '9pm' or '24:00' -> minutes after midnight."""
    match = _TIME.match(text.strip())
    if not match:
        raise ValueError(f"not a time: {text!r}")
    hours, minutes, half = int(match.group(1)), int(match.group(2) or 0), (match.group(3) or "").lower()
    if half:
        if not 1 <= hours <= 12:
            raise ValueError(f"not a 12-hour time: {text!r}")
        hours = hours % 12 + (12 if half == "pm" else 0)
    if minutes > 59 or hours * 60 + minutes > MINUTES_PER_DAY:
        raise ValueError(f"time out of range: {text!r}")
    return hours * 60 + minutes


def format_time(minutes: int) -> str:
    """Minutes after midnight -> 'HH:MM'."""
    if not 0 <= minutes <= MINUTES_PER_DAY:
        raise ValueError(f"minutes out of range: {minutes}")
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def parse_slot(text: str) -> tuple[int, int]:
    """'09:00-10:30' -> (540, 630). The end must come after the start."""
    left, dash, right = text.partition("-")
    if not dash:
        raise ValueError(f"not a slot: {text!r}")
    start, end = parse_time(left), parse_time(right)
    if end <= start:
        raise ValueError(f"slot ends before it starts: {text!r}")
    return start, end


def parse_slot_list(text: str) -> list[tuple[int, int]]:
    """'09:00-12:00, 13:00-17:00' -> the slots in order of start time."""
    return sorted(parse_slot(part) for part in text.split(",") if part.strip())


def format_slot(slot: Slot) -> str:
    return f"{format_time(slot.start)}-{format_time(slot.end)}"


def merge(slots: list[Slot]) -> list[Slot]:
    """Overlapping or touching slots joined, sorted by start."""
    merged: list[Slot] = []
    for slot in sorted(slots):
        if merged and slot.start <= merged[-1].end:
            last = merged.pop()
            slot = Slot(last.start, max(last.end, slot.end))
        merged.append(slot)
    return merged


def subtract(available: list[Slot], taken: list[Slot]) -> list[Slot]:
    """The parts of `available` not covered by any slot of `taken`."""
    free = []
    for slot in merge(available):
        pieces = [slot]
        for busy in merge(taken):
            next_pieces = []
            for piece in pieces:
                if not piece.overlaps(busy):
                    next_pieces.append(piece)
                    continue
                if piece.start < busy.start:
                    next_pieces.append(Slot(piece.start, busy.start))
                if busy.end < piece.end:
                    next_pieces.append(Slot(busy.end, piece.end))
            pieces = next_pieces
        free.extend(pieces)
    return free
