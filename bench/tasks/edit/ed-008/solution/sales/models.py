"""The sales record and a batch of them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class SaleRecord:
    """One line of a sales export: a product sold in some quantity on a day."""

    day: dt.date
    region: str
    product: str
    quantity: int
    unit_price: Decimal
    unit_cost: Decimal = Decimal("0")

    @property
    def revenue(self) -> Decimal:
        return self.unit_price * self.quantity

    @property
    def margin(self) -> Decimal:
        return (self.unit_price - self.unit_cost) * self.quantity

    @property
    def month(self) -> str:
        return f"{self.day.year}-{self.day.month:02d}"

    @classmethod
    def from_dict(cls, data: dict[str, str]) -> SaleRecord:
        """Build from a CSV dict row; raises ValueError on bad fields."""
        quantity = int(data["quantity"])
        if quantity < 0:
            raise ValueError("quantity must not be negative")
        return cls(
            day=dt.date.fromisoformat(data["date"].strip()),
            region=data["region"].strip().upper(),
            product=data["product"].strip(),
            quantity=quantity,
            unit_price=Decimal(data["unit_price"]),
            unit_cost=Decimal(data.get("unit_cost") or "0"),
        )


@dataclass
class SalesBatch:
    """Records read from one export, plus the lines that could not be read."""

    rows: list[SaleRecord] = field(default_factory=list)
    rejected: list[tuple[int, str]] = field(default_factory=list)

    def add(self, row: SaleRecord) -> None:
        if not isinstance(row, SaleRecord):
            raise TypeError("a batch holds SaleRecord objects only")
        self.rows.append(row)

    def between(self, first: dt.date, last: dt.date) -> list[SaleRecord]:
        return [row for row in self.rows if first <= row.day <= last]

    def __len__(self) -> int:
        return len(self.rows)
