"""When to reorder and how much: a reorder-point policy with safety stock.

reorder point = daily usage x (lead time + safety days), rounded up.
An item should be reordered when the stock on hand is at or below it.
An order brings stock up to the target level (the reorder point plus
`cover_days` more days of usage), rounded up to whole cases.
"""

from __future__ import annotations

import math

from .items import Item

DEFAULT_COVER_DAYS = 14


def safety_stock(item: Item) -> int:
    return math.ceil(item.daily_usage * item.safety_days)


def reorder_point(item: Item) -> int:
    """Stock level at which to place an order, safety stock included."""
    return math.ceil(item.daily_usage * (item.lead_time_days + item.safety_days))


def target_level(item: Item, cover_days: int = DEFAULT_COVER_DAYS) -> int:
    return reorder_point(item) + math.ceil(item.daily_usage * cover_days)


def order_quantity(item: Item, on_hand: int, cover_days: int = DEFAULT_COVER_DAYS) -> int:
    """Units to order now (a multiple of the case size); 0 when above the reorder point."""
    if on_hand > reorder_point(item):
        return 0
    short = target_level(item, cover_days) - on_hand
    cases = math.ceil(short / item.case_size)
    return cases * item.case_size


def days_of_stock(item: Item, on_hand: int) -> float:
    """How long the stock lasts at the usual usage; infinite for unused items."""
    if item.daily_usage == 0:
        return math.inf
    return on_hand / item.daily_usage
