"""The store's inventory: quantities per item and every movement in and out."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .alerts import AlertBook, check_low_stock


class StockError(Exception):
    pass


@dataclass
class Item:
    sku: str
    name: str
    on_hand: int = 0
    reorder_level: int = 0
    reorder_quantity: int = 0


@dataclass(frozen=True)
class Movement:
    day: dt.date
    sku: str
    change: int
    reason: str


@dataclass
class Inventory:
    items: dict[str, Item] = field(default_factory=dict)
    movements: list[Movement] = field(default_factory=list)
    alerts: AlertBook = field(default_factory=AlertBook)

    def add_item(self, sku: str, name: str, reorder_level: int = 0, reorder_quantity: int = 0) -> Item:
        if sku in self.items:
            raise StockError(f"{sku} already exists")
        item = Item(sku, name, 0, reorder_level, reorder_quantity)
        self.items[sku] = item
        return item

    def _item(self, sku: str) -> Item:
        try:
            return self.items[sku]
        except KeyError:
            raise StockError(f"unknown item {sku}") from None

    def _record(self, day: dt.date, sku: str, change: int, reason: str) -> None:
        self.movements.append(Movement(day, sku, change, reason))

    def restock(self, sku: str, quantity: int, day: dt.date, supplier: str = "") -> int:
        """Add a delivery; returns the new quantity on hand."""
        if quantity <= 0:
            raise StockError("a delivery must bring at least one unit")
        item = self._item(sku)
        item.on_hand += quantity
        self._record(day, sku, quantity, f"delivery {supplier}".strip())
        if item.on_hand > item.reorder_level:
            self.alerts.resolve(sku)
        return item.on_hand

    def remove(self, sku: str, quantity: int, day: dt.date, reason: str = "sale") -> int:
        """Take units out (sale, breakage...); returns the new quantity on hand."""
        item = self._item(sku)
        if quantity <= 0:
            raise StockError("quantity must be positive")
        if quantity > item.on_hand:
            raise StockError(f"only {item.on_hand} {sku} on hand")
        item.on_hand -= quantity
        self._record(day, sku, -quantity, reason)
        check_low_stock(self.alerts, sku, item.on_hand, item.reorder_level, day)
        return item.on_hand

    def count(self, sku: str, counted: int, day: dt.date) -> int:
        """Correct the quantity after a stock take; returns the difference that was booked."""
        item = self._item(sku)
        diff = counted - item.on_hand
        if diff:
            item.on_hand = counted
            self._record(day, sku, diff, "stock take")
        return diff

    def purchase_order(self) -> list[tuple[str, int]]:
        """(sku, quantity to order) for every item with an open low-stock alert."""
        return [
            (sku, max(self.items[sku].reorder_quantity, 1))
            for sku in sorted(self.alerts.open)
        ]

    def sales(self, sku: str, since: dt.date) -> int:
        return -sum(m.change for m in self.movements if m.sku == sku and m.reason == "sale" and m.day >= since)

    def value(self, prices: dict[str, int]) -> int:
        """Value of the stock in cents, at the given unit prices."""
        return sum(item.on_hand * prices.get(sku, 0) for sku, item in self.items.items())

    def movements_for(self, sku: str, since: dt.date | None = None) -> list[Movement]:
        return [m for m in self.movements if m.sku == sku and (since is None or m.day >= since)]

    def days_of_cover(self, sku: str, today: dt.date, window_days: int = 28) -> float | None:
        """How many days the stock lasts at the average daily sales of the last `window_days` days.

        None when nothing was sold in the window (the stock lasts forever).
        """
        since = today - dt.timedelta(days=window_days)
        sold = self.sales(sku, since)
        if sold <= 0:
            return None
        return self._item(sku).on_hand / (sold / window_days)

    def slow_movers(self, today: dt.date, window_days: int = 90) -> list[str]:
        """Items in stock that did not sell at all in the window."""
        since = today - dt.timedelta(days=window_days)
        return sorted(
            sku for sku, item in self.items.items() if item.on_hand > 0 and self.sales(sku, since) == 0
        )

    def shrinkage(self, since: dt.date) -> dict[str, int]:
        """Units lost per sku (negative stock-take corrections and breakage) since a date."""
        lost: dict[str, int] = {}
        for m in self.movements:
            if m.day >= since and m.change < 0 and m.reason in ("stock take", "breakage"):
                lost[m.sku] = lost.get(m.sku, 0) - m.change
        return dict(sorted(lost.items()))

    def report(self, today: dt.date) -> list[str]:
        """The morning report: stock per item, open alerts, and what to order."""
        lines = ["sku        name                  on hand  cover"]
        for sku in sorted(self.items):
            item = self.items[sku]
            cover = self.days_of_cover(sku, today)
            cover_text = "-" if cover is None else f"{cover:.0f}d"
            lines.append(f"{sku:<10} {item.name:<20} {item.on_hand:>8}  {cover_text:>5}")
        if self.alerts.open:
            lines.append("")
            lines.append("low stock:")
            lines.extend("  " + alert.message() for alert in self.alerts.open.values())
        order = self.purchase_order()
        if order:
            lines.append("")
            lines.append("to order: " + ", ".join(f"{qty} x {sku}" for sku, qty in order))
        return lines


def load_inventory(rows: list[dict[str, str]], day: dt.date) -> Inventory:
    """Build an inventory from a spreadsheet export (sku, name, on_hand, reorder_level, reorder_quantity)."""
    inv = Inventory()
    for row in rows:
        inv.add_item(row["sku"], row["name"], int(row.get("reorder_level") or 0), int(row.get("reorder_quantity") or 0))
        quantity = int(row.get("on_hand") or 0)
        if quantity:
            inv.restock(row["sku"], quantity, day, "opening balance")
    return inv
