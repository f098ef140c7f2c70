"""Splitting an amount of cents into shares that add up exactly.

Shares are proportional to weights (what each person ordered, or 1 each
for an even split). Exact shares are rounded down to whole cents and the
cents left over go, one each, to the shares that lost the most in the
rounding (the largest remainders); on equal remainders the earlier share
gets the cent.
"""

from __future__ import annotations

import math
from fractions import Fraction

from .money import format_cents


def split_by_weights(total_cents: int, weights: list[int | Fraction]) -> list[int]:
    """Shares of `total_cents` proportional to `weights`, summing exactly to the total."""
    if not weights or any(w < 0 for w in weights):
        raise ValueError("need at least one weight, none negative")
    weight_sum = sum(weights)
    if weight_sum == 0:
        raise ValueError("weights cannot all be zero")
    exact = [Fraction(total_cents) * w / weight_sum for w in weights]
    shares = [math.floor(x) for x in exact]
    leftover = total_cents - sum(shares)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in order[:leftover]:
        shares[i] += 1
    return shares


def split_evenly(total_cents: int, people: int) -> list[int]:
    """Equal shares that differ by at most one cent; earlier people pay the extra cents."""
    if people < 1:
        raise ValueError("need at least one person")
    return split_by_weights(total_cents, [1] * people)


def with_tip(total_cents: int, percent: int) -> int:
    """The bill plus a tip, rounded to the nearest cent (half a cent rounds up)."""
    return total_cents + (total_cents * percent + 50) // 100


def split_orders(orders: dict[str, int], tip_percent: int = 0) -> dict[str, int]:
    """Everyone pays for what they ordered plus the same share of tip, as {name: cents}."""
    total = with_tip(sum(orders.values()), tip_percent)
    shares = split_by_weights(total, list(orders.values()))
    return dict(zip(orders, shares))


def receipt(shares: dict[str, int]) -> str:
    width = max((len(name) for name in shares), default=0)
    return "\n".join(f"{name:<{width}}  {format_cents(cents):>8}" for name, cents in shares.items())


def balances(paid: dict[str, int], shares: dict[str, int]) -> dict[str, int]:
    """What each person is owed (positive) or owes (negative) once the bill is paid."""
    names = sorted(set(paid) | set(shares))
    return {name: paid.get(name, 0) - shares.get(name, 0) for name in names}
