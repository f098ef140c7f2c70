"""Money amounts kept as integer cents, so sums never drift."""

from __future__ import annotations


def to_cents(amount: str) -> int:
    """Parse '12.34' or '-0.5' into cents."""
    sign = -1 if amount.strip().startswith("-") else 1
    whole, _, frac = amount.strip().lstrip("+-").partition(".")
    frac = (frac + "00")[:2]
    return sign * (int(whole or "0") * 100 + int(frac))


def format_cents(cents: int) -> str:
    """Cents back to '12.34', with a leading '-' for negative amounts."""
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}{cents // 100}.{cents % 100:02d}"
