"""Invoices: lines, discounts, VAT and the printed layout.

Money is `Decimal`, rounded to cents half-up at each line and for the tax,
as the accountant does it by hand. VAT is not charged to business customers
outside France (reverse charge).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from .customers import Customer
from .numbering import next_number

CENT = Decimal("0.01")
VAT_RATES = {"standard": Decimal("0.20"), "reduced": Decimal("0.10"), "none": Decimal("0")}


def money(value) -> Decimal:
    """Any number or numeric string as a Decimal rounded to cents (half up)."""
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def format_eur(amount: Decimal) -> str:
    """Decimal('1234.5') -> '1 234.50 EUR' (thin groups of three digits)."""
    sign = "-" if amount < 0 else ""
    whole, _, cents = f"{abs(money(amount)):.2f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    return f"{sign}{' '.join(groups)}.{cents} EUR"


@dataclass(frozen=True)
class Line:
    description: str
    quantity: Decimal
    unit_price: Decimal
    vat: str = "standard"

    @property
    def amount(self) -> Decimal:
        return money(self.quantity * self.unit_price)


@dataclass
class Invoice:
    number: str
    customer: Customer
    issued: dt.date
    lines: list[Line] = field(default_factory=list)
    discount_percent: Decimal = Decimal("0")
    paid: Decimal = Decimal("0")

    def add(self, description: str, quantity, unit_price, vat: str = "standard") -> Line:
        if vat not in VAT_RATES:
            raise ValueError(f"unknown VAT rate {vat!r}")
        line = Line(description, Decimal(str(quantity)), Decimal(str(unit_price)), vat)
        self.lines.append(line)
        return line

    @property
    def reverse_charge(self) -> bool:
        return self.customer.is_business and self.customer.country != "FR"

    def subtotal(self) -> Decimal:
        """Sum of the lines, before discount and tax."""
        return sum((line.amount for line in self.lines), Decimal("0"))

    def discount(self) -> Decimal:
        return money(self.subtotal() * self.discount_percent / 100)

    def net(self) -> Decimal:
        return self.subtotal() - self.discount()

    def tax(self) -> Decimal:
        """VAT per rate on the discounted lines, rounded once per rate."""
        if self.reverse_charge:
            return Decimal("0")
        factor = 1 - self.discount_percent / 100
        by_rate: dict[str, Decimal] = {}
        for line in self.lines:
            by_rate[line.vat] = by_rate.get(line.vat, Decimal("0")) + line.amount * factor
        return sum((money(base * VAT_RATES[rate]) for rate, base in by_rate.items()), Decimal("0"))

    def total(self) -> Decimal:
        return self.net() + self.tax()

    def balance(self) -> Decimal:
        """What is still owed."""
        return self.total() - self.paid

    def pay(self, amount) -> Decimal:
        """Record a payment; returns the balance left."""
        value = money(amount)
        if value <= 0:
            raise ValueError("payments are positive")
        self.paid += value
        return self.balance()

    @property
    def due(self) -> dt.date:
        return self.issued + dt.timedelta(days=self.customer.payment_days)

    def is_overdue(self, today: dt.date) -> bool:
        return today > self.due and self.balance() > 0

    def render(self) -> str:
        """The printed invoice, as plain text."""
        out = [f"Invoice {self.number}   issued {self.issued.isoformat()}   due {self.due.isoformat()}", ""]
        out += self.customer.address_lines()
        out.append("")
        for line in self.lines:
            out.append(f"{line.description:<30} {line.quantity:>6} x {format_eur(line.unit_price):>14} = {format_eur(line.amount):>14}")
        out.append("")
        out.append(f"{'Subtotal':<30} {format_eur(self.subtotal()):>40}")
        if self.discount_percent:
            out.append(f"{'Discount ' + str(self.discount_percent) + '%':<30} {format_eur(-self.discount()):>40}")
        if self.reverse_charge:
            out.append("VAT: reverse charge (article 196, directive 2006/112/EC)")
        else:
            out.append(f"{'VAT':<30} {format_eur(self.tax()):>40}")
        out.append(f"{'Total':<30} {format_eur(self.total()):>40}")
        return "\n".join(out)


def new_invoice(customer: Customer, issued: dt.date, existing_numbers: list[str]) -> Invoice:
    """An empty invoice with the next number of the year."""
    return Invoice(next_number(existing_numbers, issued.year), customer, issued)


def outstanding(invoices: list[Invoice], today: dt.date) -> dict[str, Decimal]:
    """Overdue balance per customer name, sorted by name."""
    owed: dict[str, Decimal] = {}
    for invoice in invoices:
        if invoice.is_overdue(today):
            owed[invoice.customer.name] = owed.get(invoice.customer.name, Decimal("0")) + invoice.balance()
    return dict(sorted(owed.items()))
