"""Customers and their billing details."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Customer:
    name: str
    street: str
    city: str
    country: str = "FR"
    vat_number: str = ""
    payment_days: int = 30

    @property
    def is_business(self) -> bool:
        """Customers with a VAT number are businesses."""
        return bool(self.vat_number)

    def address_lines(self) -> list[str]:
        lines = [self.name, self.street, self.city]
        if self.country != "FR":
            lines.append(self.country)
        if self.vat_number:
            lines.append(f"VAT {self.vat_number}")
        return lines
