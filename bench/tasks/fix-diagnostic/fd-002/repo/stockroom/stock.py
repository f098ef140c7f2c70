"""Quantities on hand and reserved, per SKU.

A reservation holds units for an order that is not shipped yet: reserved
units still sit on the shelf (they count as on hand) but cannot be sold to
anyone else, so they are not *available*.
"""

from __future__ import annotations

from dataclasses import dataclass

from .errors import NotEnoughStock, UnknownSku
from .sku import category_of, normalize_sku


@dataclass
class Item:
    sku: str
    name: str
    on_hand: int = 0
    reserved: int = 0
    reorder_level: int = 0

    @property
    def available(self) -> int:
        return self.on_hand - self.reserved


class Stock:
    """All items of the back room, keyed by normalized SKU."""

    def __init__(self) -> None:
        self._items: dict[str, Item] = {}

    def add_item(self, sku: str, name: str, reorder_level: int = 0) -> Item:
        """Register a new SKU with nothing on hand."""
        key = normalize_sku(sku)
        if key in self._items:
            raise ValueError(f"{key} already registered")
        item = Item(key, name, reorder_level=reorder_level)
        self._items[key] = item
        return item

    def item(self, sku: str) -> Item:
        key = normalize_sku(sku)
        try:
            return self._items[key]
        except KeyError:
            raise UnknownSku(key) from None

    def receive(self, sku: str, quantity: int) -> int:
        """A delivery arrived: add `quantity` units; returns the new on-hand count."""
        if quantity <= 0:
            raise ValueError("quantity must be positive")
        item = self.item(sku)
        item.on_hand += quantity
        return item.on_hand

    def remove(self, sku: str, quantity: int) -> int:
        """Take `quantity` available units off the shelf (a sale, breakage...).

        Reserved units cannot be removed this way. Returns the new on-hand count.
        """
        if quantity <= 0:
            raise ValueError("quantity must be positive")
        item = self.item(sku)
        if quantity > item.available:
            raise NotEnoughStock(item.sku, quantity, item.available)
        item.on_hand -= quantiy
        return item.on_hand

    def reserve(self, sku: str, quantity: int) -> int:
        """Hold `quantity` available units for an order; returns units still available."""
        if quantity <= 0:
            raise ValueError("quantity must be positive")
        item = self.item(sku)
        if quantity > item.available:
            raise NotEnoughStock(item.sku, quantity, item.available)
        item.reserved += quantity
        return item.available

    def ship(self, sku: str, quantity: int) -> int:
        """Ship reserved units: they leave the shelf and the reservation."""
        item = self.item(sku)
        if quantity <= 0 or quantity > item.reserved:
            raise ValueError(f"{item.sku}: cannot ship {quantity}, {item.reserved} reserved")
        item.reserved -= quantity
        item.on_hand -= quantity
        return item.on_hand

    def release(self, sku: str, quantity: int) -> None:
        """Cancel part of a reservation; the units become available again."""
        item = self.item(sku)
        item.reserved -= min(quantity, item.reserved)

    def low_stock(self) -> list[str]:
        """SKUs whose available units are at or below their reorder level, sorted."""
        return sorted(sku for sku, item in self._items.items() if item.available <= item.reorder_level)

    def by_category(self) -> dict[str, int]:
        """Total units on hand per category prefix."""
        totals: dict[str, int] = {}
        for sku, item in self._items.items():
            category = category_of(sku)
            totals[category] = totals.get(category, 0) + item.on_hand
        return dict(sorted(totals.items()))

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, sku: str) -> bool:
        try:
            return normalize_sku(sku) in self._items
        except ValueError:
            return False
