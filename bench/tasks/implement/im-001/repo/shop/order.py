"""Orders: line items, coupons and the amount the customer pays."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class LineItem:
    sku: str
    unit_price_cents: int
    quantity: int = 1
    weight_grams: int = 0

    def amount(self) -> int:
        """Price of the line: unit price times quantity."""
        return self.unit_price_cents * self.quantity

    def weight(self) -> int:
        return self.weight_grams * self.quantity


@dataclass(frozen=True)
class Coupon:
    code: str
    percent_off: int = 0
    cents_off: int = 0

    def discount_on(self, subtotal_cents: int) -> int:
        """The discount this coupon gives on a subtotal (percent first, then a fixed amount)."""
        percent = subtotal_cents * self.percent_off // 100
        return percent + self.cents_off


@dataclass
class Order:
    customer: str
    lines: list[LineItem] = field(default_factory=list)
    coupon: Coupon | None = None

    def add(self, sku: str, unit_price_cents: int, quantity: int = 1, weight_grams: int = 0) -> LineItem:
        if quantity <= 0:
            raise ValueError("quantity must be positive")
        item = LineItem(sku, unit_price_cents, quantity, weight_grams)
        self.lines.append(item)
        return item

    def remove(self, sku: str) -> None:
        """Drop every line of `sku`."""
        self.lines = [line for line in self.lines if line.sku != sku]

    def subtotal(self) -> int:
        """Sum of the line amounts, before coupon and shipping."""
        return sum(line.amount() for line in self.lines)

    def total_weight(self) -> int:
        return sum(line.weight() for line in self.lines)

    def discount(self) -> int:
        """The coupon's discount, never more than the subtotal."""
        if self.coupon is None:
            return 0
        return min(self.coupon.discount_on(self.subtotal()), self.subtotal())

    def grand_total(self) -> int:
        """What the customer pays, in cents.

        The subtotal minus the discount, plus shipping for the order's total
        weight as priced by `shipping_cost` in shop/shipping.py. The free-shipping
        threshold is checked against the subtotal AFTER the discount, so a coupon
        can bring an order back under it.
        """
        raise NotImplementedError

    def is_empty(self) -> bool:
        return not self.lines
