"""Stock levels for a small warehouse: items, movements and reorder maths."""

from __future__ import annotations

import math
from dataclasses import dataclass, field


class StockError(Exception):
    """Raised when a movement would leave an item in an impossible state."""


@dataclass
class StockItem:
    """One stock-keeping unit and the numbers that drive reordering."""

    sku: str
    name: str
    on_hand: int = 0
    reorder_point: int = 0
    daily_usage: float = 0.0
    lead_time_days: int = 7
    pack_size: int = 1

    def value(self, unit_cost: float) -> float:
        """What the units on hand are worth at `unit_cost` each."""
        return round(self.on_hand * unit_cost, 2)


def needs_reorder(item: StockItem) -> bool:
    """True when the item is at or below its reorder point."""
    return item.on_hand <= item.reorder_point


def calc_reorder_qty(item: StockItem, cover_days: int = 30) -> int:
    """How many units to order so stock covers the lead time plus `cover_days` of usage.

    The result is rounded up to whole packs and is never negative.
    """
    wanted = math.ceil(item.daily_usage * (item.lead_time_days + cover_days))
    shortfall = wanted - item.on_hand
    if shortfall <= 0:
        return 0
    packs = math.ceil(shortfall / item.pack_size)
    return packs * item.pack_size


@dataclass
class Movement:
    """One change of stock: positive when received, negative when issued."""

    sku: str
    quantity: int
    reason: str


@dataclass
class StockBook:
    """All items of one warehouse and the history of their movements."""

    items: dict[str, StockItem] = field(default_factory=dict)
    history: list[Movement] = field(default_factory=list)

    def add(self, item: StockItem) -> None:
        if item.sku in self.items:
            raise StockError(f"duplicate sku {item.sku}")
        self.items[item.sku] = item

    def get(self, sku: str) -> StockItem:
        try:
            return self.items[sku]
        except KeyError:
            raise StockError(f"unknown sku {sku}") from None

    def receive(self, sku: str, quantity: int) -> None:
        if quantity <= 0:
            raise StockError("received quantity must be positive")
        self.get(sku).on_hand += quantity
        self.history.append(Movement(sku, quantity, "receive"))

    def issue(self, sku: str, quantity: int) -> None:
        item = self.get(sku)
        if quantity <= 0:
            raise StockError("issued quantity must be positive")
        if quantity > item.on_hand:
            raise StockError(f"only {item.on_hand} of {sku} on hand")
        item.on_hand -= quantity
        self.history.append(Movement(sku, -quantity, "issue"))

    def below_reorder_point(self) -> list[StockItem]:
        """Items at or below their reorder point, in sku order."""
        return sorted((i for i in self.items.values() if needs_reorder(i)), key=lambda i: i.sku)

    def order_plan(self, cover_days: int = 30) -> dict[str, int]:
        """Units to order per sku, for the items that need reordering."""
        plan = {}
        for item in self.below_reorder_point():
            quantity = calc_reorder_qty(item, cover_days)
            if quantity:
                plan[item.sku] = quantity
        return plan

    def movements_for(self, sku: str) -> list[Movement]:
        return [m for m in self.history if m.sku == sku]
