"""Totals by region, product and month."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from decimal import Decimal

from .models import SaleRecord


def _total(rows: Iterable[SaleRecord], key: Callable[[SaleRecord], str], value: Callable[[SaleRecord], Decimal]) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for row in rows:
        totals[key(row)] += value(row)
    return dict(sorted(totals.items()))


def revenue_by_region(rows: Iterable[SaleRecord]) -> dict[str, Decimal]:
    return _total(rows, lambda r: r.region, lambda r: r.revenue)


def revenue_by_month(rows: Iterable[SaleRecord]) -> dict[str, Decimal]:
    return _total(rows, lambda r: r.month, lambda r: r.revenue)


def top_products(rows: Iterable[SaleRecord], n: int = 3) -> list[tuple[str, int]]:
    """The `n` best sellers by units, ties broken by name."""
    units: dict[str, int] = defaultdict(int)
    for row in rows:
        units[row.product] += row.quantity
    return sorted(units.items(), key=lambda item: (-item[1], item[0]))[:n]


def margin_rate(rows: Iterable[SaleRecord]) -> Decimal:
    """Total margin over total revenue, rounded to 4 places (0 when nothing sold)."""
    rows = list(rows)
    revenue = sum((r.revenue for r in rows), Decimal(0))
    if not revenue:
        return Decimal(0)
    margin = sum((r.margin for r in rows), Decimal(0))
    return (margin / revenue).quantize(Decimal("0.0001"))
