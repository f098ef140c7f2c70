"""Money helpers: amounts are Decimals rounded to whole cents."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def to_money(value: str | int | Decimal) -> Decimal:
    """Parse a price such as '12.5' or 3 into a Decimal with two places."""
    return quantize(Decimal(str(value)))


def quantize(amount: Decimal) -> Decimal:
    """Round to whole cents, halves away from zero (as the tax office does)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def format_money(amount: Decimal, currency: str = "EUR") -> str:
    """'12.50 EUR'."""
    return f"{quantize(amount):.2f} {currency}"
