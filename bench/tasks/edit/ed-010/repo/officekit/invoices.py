"""Invoices and when they fall due."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from .dates import describe

DEFAULT_TERMS = 10  # business days


@dataclass
class Invoice:
    number: str
    customer: str
    issued: dt.date
    amount: Decimal
    terms_days: int = DEFAULT_TERMS
    paid_on: dt.date | None = None


@dataclass
class InvoiceBook:
    holidays: set[dt.date] = field(default_factory=set)
    invoices: list[Invoice] = field(default_factory=list)

    def due_date(self, invoice: Invoice) -> dt.date:
        """`terms_days` business days after the invoice was issued."""
        due = invoice.issued
        remaining = invoice.terms_days
        while remaining > 0:
            due += dt.timedelta(days=1)
            if due.weekday() < 5 and due not in self.holidays:
                remaining -= 1
        return due

    def overdue(self, today: dt.date) -> list[Invoice]:
        """Unpaid invoices whose due date is before `today`, oldest first."""
        late = [inv for inv in self.invoices if inv.paid_on is None and self.due_date(inv) < today]
        return sorted(late, key=lambda inv: inv.issued)

    def reminder(self, invoice: Invoice) -> str:
        return (
            f"Invoice {invoice.number} for {invoice.amount} was due on "
            f"{describe(self.due_date(invoice))}. Please pay at your earliest convenience."
        )
