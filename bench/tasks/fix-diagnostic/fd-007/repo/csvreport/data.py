"""Sales rows as exported by the shop system (comma separated, dot decimals)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass


@dataclass(frozen=True)
class Sale:
    day: dt.date
    region: str
    product: str
    quantity: int
    unit_cents: int

    @property
    def total_cents(self) -> int:
        return self.quantity * self.unit_cents


def parse_price(text: str) -> int:
    """'12.5' -> 1250 cents."""
    whole, _, frac = text.strip().partition(".")
    return int(whole or "0") * 100 + int((frac + "00")[:2])


def load_sales(text: str) -> list[Sale]:
    """Read 'date,region,product,quantity,unit_price' rows (a header line first)."""
    reader = csv.DictReader(io.StringIO(text.strip()))
    return [
        Sale(
            day=dt.date.fromisoformat(row["date"]),
            region=row["region"].strip(),
            product=row["product"].strip(),
            quantity=int(row["quantity"]),
            unit_cents=parse_price(row["unit_price"]),
        )
        for row in reader
    ]
