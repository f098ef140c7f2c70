"""An invoice: customer, region, lines; subtotal, VAT and total.

VAT is computed per line (net amount times the line's rate, rounded to the
cent) and then summed, which is how the shop's accountant wants it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from . import tax
from .money import format_money, quantize, to_money


@dataclass
class Line:
    sku: str
    description: str
    quantity: int
    unit_price: Decimal
    category: str = tax.STANDARD

    @property
    def net(self) -> Decimal:
        """Quantity times unit price, rounded to the cent."""
        return quantize(self.unit_price * self.quantity)


@dataclass
class Invoice:
    number: str
    customer: str
    region: str
    lines: list[Line] = field(default_factory=list)
    currency: str = "EUR"

    def add_line(
        self, sku: str, description: str, quantity: int, unit_price: str | Decimal, category: str = tax.STANDARD
    ) -> Line:
        """Append a line; quantities must be positive."""
        if quantity <= 0:
            raise ValueError(f"quantity must be positive, got {quantity}")
        line = Line(sku, description, quantity, to_money(unit_price), category)
        self.lines.append(line)
        return line

    def remove_sku(self, sku: str) -> int:
        """Drop every line with this SKU; returns how many were removed."""
        before = len(self.lines)
        self.lines = [line for line in self.lines if line.sku != sku]
        return before - len(self.lines)

    def subtotal(self) -> Decimal:
        """Sum of the lines' net amounts."""
        return sum((line.net for line in self.lines), Decimal("0.00"))

    def line_tax(self, line: Line) -> Decimal:
        """The VAT on one line, at the rate of its category in this invoice's region."""
        rate = tax.rate_for(self.region, line.category)
        return quantize(line.net * rate)

    def tax_total(self) -> Decimal:
        return sum((self.line_tax(line) for line in self.lines), Decimal("0.00"))

    def total(self) -> Decimal:
        """What the customer pays: subtotal plus VAT."""
        return self.subtotal() + self.tax_total()

    def tax_by_rate(self) -> dict[Decimal, Decimal]:
        """VAT grouped by rate, for the summary box at the bottom of the invoice."""
        groups: dict[Decimal, Decimal] = defaultdict(lambda: Decimal("0.00"))
        for line in self.lines:
            groups[tax.rate_for(self.region, line.category)] += self.line_tax(line)
        return dict(sorted(groups.items()))

    def net_by_category(self) -> dict[str, Decimal]:
        groups: dict[str, Decimal] = defaultdict(lambda: Decimal("0.00"))
        for line in self.lines:
            groups[line.category] += line.net
        return dict(sorted(groups.items()))

    def render(self) -> str:
        """A plain-text invoice, one row per line, then the totals."""
        rows = [f"Invoice {self.number} for {self.customer} ({self.region})"]
        for line in self.lines:
            rows.append(
                f"{line.sku:<8} {line.description:<24} {line.quantity:>3} x "
                f"{format_money(line.unit_price, self.currency):>12} = {format_money(line.net, self.currency):>12}"
            )
        rows.append(f"{'Subtotal':<46} {format_money(self.subtotal(), self.currency):>12}")
        rows.append(f"{'VAT':<46} {format_money(self.tax_total(), self.currency):>12}")
        rows.append(f"{'Total':<46} {format_money(self.total(), self.currency):>12}")
        return "\n".join(rows)


def merge(first: Invoice, second: Invoice, number: str) -> Invoice:
    """One invoice holding both invoices' lines; they must share customer and region."""
    if (first.customer, first.region) != (second.customer, second.region):
        raise ValueError("can only merge invoices of the same customer and region")
    merged = Invoice(number, first.customer, first.region, currency=first.currency)
    merged.lines = [*first.lines, *second.lines]
    return merged
