"""The cart: items, an optional promotion code, and the totals shown at checkout."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .promo import PromoCode, PromoError, lookup_code

DELIVERY_CENTS = 350
FREE_DELIVERY_FROM_CENTS = 3000


@dataclass
class CartItem:
    sku: str
    name: str
    price_cents: int
    category: str
    quantity: int = 1

    def total(self) -> int:
        return self.price_cents * self.quantity


@dataclass
class Cart:
    items: list[CartItem] = field(default_factory=list)
    promo: PromoCode | None = None
    delivery: bool = True

    def add(self, item: CartItem) -> None:
        for existing in self.items:
            if existing.sku == item.sku:
                existing.quantity += item.quantity
                return
        self.items.append(item)

    def remove(self, sku: str) -> None:
        self.items = [i for i in self.items if i.sku != sku]

    def subtotal(self) -> int:
        return sum(i.total() for i in self.items)

    def eligible_subtotal(self, promo: PromoCode) -> int:
        """The part of the subtotal the code applies to (all items, or one category)."""
        return sum(i.total() for i in self.items if promo.category is None or i.category == promo.category)

    def apply_code(self, code: str, today: dt.date) -> int:
        """Attach a promotion code; returns the discount it gives now.

        Only one code per cart: a new code replaces the old one. A code that
        gives nothing on this cart is refused, so the customer is told why.
        """
        promo = lookup_code(code, today)
        discount = promo.discount_for(self.eligible_subtotal(promo), self.subtotal())
        if discount == 0:
            raise PromoError(f"code {promo.code} does not apply to this cart")
        self.promo = promo
        return discount

    def discount(self) -> int:
        """The attached code's discount, recomputed for the cart as it is now."""
        if self.promo is None:
            return 0
        return self.promo.discount_for(self.eligible_subtotal(self.promo), self.subtotal())

    def delivery_cents(self) -> int:
        if not self.delivery or not self.items:
            return 0
        return 0 if self.subtotal() - self.discount() >= FREE_DELIVERY_FROM_CENTS else DELIVERY_CENTS

    def total(self) -> int:
        return self.subtotal() - self.discount() + self.delivery_cents()

    def summary(self) -> list[str]:
        lines = [f"{i.quantity} x {i.name}: {i.total() / 100:.2f}" for i in self.items]
        if self.promo:
            lines.append(f"code {self.promo.code}: -{self.discount() / 100:.2f}")
        lines.append(f"delivery: {self.delivery_cents() / 100:.2f}")
        lines.append(f"total: {self.total() / 100:.2f}")
        return lines
