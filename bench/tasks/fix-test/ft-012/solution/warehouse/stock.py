"""Stock on hand, every movement in and out, and what needs reordering.

Each change of stock is recorded as a Movement so the stock on hand can be
audited. Reordering follows the policy in policy.py.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from . import policy
from .items import Item


class StockError(RuntimeError):
    """A movement that would make stock negative, or an unknown SKU."""


@dataclass(frozen=True)
class Movement:
    day: dt.date
    sku: str
    change: int  # positive in, negative out
    reason: str
    reference: str = ""


@dataclass(frozen=True)
class ReorderLine:
    sku: str
    name: str
    on_hand: int
    reorder_point: int
    quantity: int
    cost: Decimal


class Warehouse:
    def __init__(self, name: str) -> None:
        self.name = name
        self._items: dict[str, Item] = {}
        self._on_hand: dict[str, int] = {}
        self._movements: list[Movement] = []

    # catalogue -------------------------------------------------------

    def add_item(self, item: Item, opening_stock: int = 0, day: dt.date | None = None) -> None:
        if item.sku in self._items:
            raise StockError(f"{item.sku} is already stocked")
        self._items[item.sku] = item
        self._on_hand[item.sku] = 0
        if opening_stock:
            self._move(day or dt.date.today(), item.sku, opening_stock, "opening")

    def item(self, sku: str) -> Item:
        try:
            return self._items[sku]
        except KeyError:
            raise StockError(f"unknown SKU {sku}") from None

    def skus(self) -> list[str]:
        return sorted(self._items)

    # movements -------------------------------------------------------

    def _move(self, day: dt.date, sku: str, change: int, reason: str, reference: str = "") -> Movement:
        self.item(sku)
        new_level = self._on_hand[sku] + change
        if new_level < 0:
            raise StockError(f"{sku}: only {self._on_hand[sku]} on hand, cannot remove {-change}")
        self._on_hand[sku] = new_level
        movement = Movement(day, sku, change, reason, reference)
        self._movements.append(movement)
        return movement

    def receive(self, day: dt.date, sku: str, quantity: int, delivery_note: str = "") -> Movement:
        if quantity <= 0:
            raise ValueError("received quantity must be positive")
        return self._move(day, sku, quantity, "received", delivery_note)

    def ship(self, day: dt.date, sku: str, quantity: int, order_ref: str = "") -> Movement:
        if quantity <= 0:
            raise ValueError("shipped quantity must be positive")
        return self._move(day, sku, -quantity, "shipped", order_ref)

    def adjust(self, day: dt.date, sku: str, counted: int, note: str = "stock count") -> Movement | None:
        """Set stock to a counted quantity; records the difference (None when there is none)."""
        difference = counted - self._on_hand[sku]
        if difference == 0:
            return None
        return self._move(day, sku, difference, "adjusted", note)

    def on_hand(self, sku: str) -> int:
        self.item(sku)
        return self._on_hand[sku]

    def movements(self, sku: str | None = None, since: dt.date | None = None) -> list[Movement]:
        return [
            m
            for m in self._movements
            if (sku is None or m.sku == sku) and (since is None or m.day >= since)
        ]

    def level_on(self, sku: str, day: dt.date) -> int:
        """Stock at the end of `day`, rebuilt from the movements."""
        return sum(m.change for m in self._movements if m.sku == sku and m.day <= day)

    # valuation -------------------------------------------------------

    def stock_value(self, sku: str | None = None) -> Decimal:
        skus = [sku] if sku else self.skus()
        return sum((self._items[s].unit_cost * self._on_hand[s] for s in skus), Decimal("0"))

    def shipped_between(self, sku: str, start: dt.date, end: dt.date) -> int:
        return -sum(
            m.change for m in self._movements if m.sku == sku and m.reason == "shipped" and start <= m.day <= end
        )

    def observed_daily_usage(self, sku: str, end: dt.date, days: int = 28) -> float:
        """Average units shipped per day over the `days` days ending on `end`."""
        start = end - dt.timedelta(days=days - 1)
        return self.shipped_between(sku, start, end) / days

    # reordering ------------------------------------------------------

    def needs_reorder(self, sku: str) -> bool:
        """True when stock on hand is at or below the item's reorder point (policy.reorder_point)."""
        item = self.item(sku)
        return self._on_hand[sku] <= policy.reorder_point(item)

    def reorder_list(self, cover_days: int = policy.DEFAULT_COVER_DAYS) -> list[ReorderLine]:
        """One line per item that needs reordering, by SKU."""
        lines = []
        for sku in self.skus():
            if not self.needs_reorder(sku):
                continue
            item = self._items[sku]
            quantity = policy.order_quantity(item, self._on_hand[sku], cover_days)
            lines.append(
                ReorderLine(
                    sku,
                    item.name,
                    self._on_hand[sku],
                    policy.reorder_point(item),
                    quantity,
                    item.unit_cost * quantity,
                )
            )
        return lines

    def reorder_cost(self, cover_days: int = policy.DEFAULT_COVER_DAYS) -> Decimal:
        return sum((line.cost for line in self.reorder_list(cover_days)), Decimal("0"))

    def runs_out_before(self, day: dt.date, today: dt.date) -> list[str]:
        """SKUs whose stock will not last until `day` at their usual usage."""
        days_left = (day - today).days
        return [
            sku
            for sku in self.skus()
            if policy.days_of_stock(self._items[sku], self._on_hand[sku]) < days_left
        ]

    def report(self) -> str:
        rows = [f"{'SKU':<10}{'on hand':>9}{'reorder at':>12}{'value':>12}"]
        for sku in self.skus():
            item = self._items[sku]
            flag = "  *" if self.needs_reorder(sku) else ""
            rows.append(
                f"{sku:<10}{self._on_hand[sku]:>9}{policy.reorder_point(item):>12}"
                f"{self.stock_value(sku):>12.2f}{flag}"
            )
        return "\n".join(rows)
