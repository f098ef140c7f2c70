"""Promotion codes."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


class PromoError(ValueError):
    pass


@dataclass(frozen=True)
class PromoCode:
    code: str
    percent: int = 0  # percent off the eligible subtotal
    fixed_cents: int = 0  # or a fixed amount off
    min_subtotal_cents: int = 0
    category: str | None = None  # only items of this category are eligible
    expires: dt.date | None = None

    def discount_for(self, eligible_cents: int, subtotal_cents: int) -> int:
        """Discount in cents: never more than the eligible amount, zero under the minimum order."""
        if subtotal_cents < self.min_subtotal_cents:
            return 0
        discount = eligible_cents * self.percent // 100 + self.fixed_cents
        return min(discount, eligible_cents)


CODES: dict[str, PromoCode] = {
    "WELCOME10": PromoCode("WELCOME10", percent=10),
    "BREAD2": PromoCode("BREAD2", fixed_cents=200, category="bread", min_subtotal_cents=1000),
    "XMAS": PromoCode("XMAS", percent=15, expires=dt.date(2024, 12, 26)),
}


def lookup_code(code: str, today: dt.date) -> PromoCode:
    """The PromoCode for what the customer typed (case and spaces ignored); PromoError if unknown or expired."""
    promo = CODES.get(code.strip().upper())
    if promo is None:
        raise PromoError(f"unknown code {code!r}")
    if promo.expires is not None and today > promo.expires:
        raise PromoError(f"code {promo.code} expired on {promo.expires}")
    return promo
