"""Summaries of till exports: revenue per store, per region, per day, best sellers.

All functions take the parsed rows that `read_sales` returns (see schema.py
for the columns) and return plain dicts and lists, ready to print or to
write back to CSV with `write_summary`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import Counter, defaultdict
from decimal import Decimal
from typing import Iterable

from . import schema

ZERO = Decimal("0")


def read_sales(text: str) -> list[dict]:
    """Parse a whole export; raises schema.SchemaError on the first bad row."""
    reader = csv.DictReader(io.StringIO(text))
    schema.check_header(reader.fieldnames or [])
    return [schema.parse_row(raw, line) for line, raw in enumerate(reader, start=2)]


def filter_dates(rows: Iterable[dict], start: dt.date, end: dt.date) -> list[dict]:
    """Rows dated from `start` to `end`, both included."""
    return [row for row in rows if start <= row[schema.COL_DATE] <= end]


def _sum_by(rows: Iterable[dict], column: str) -> dict[str, Decimal]:
    totals: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for row in rows:
        totals[row[column]] += schema.revenue(row)
    return dict(sorted(totals.items()))


def totals_by_store(rows: Iterable[dict]) -> dict[str, Decimal]:
    """Revenue per store, e.g. {"Leeds-1": Decimal("13.50"), ...}, sorted by store name."""
    return _sum_by(rows, schema.COL_REGION)


def totals_by_region(rows: Iterable[dict]) -> dict[str, Decimal]:
    """Revenue per region, sorted by region name."""
    return _sum_by(rows, schema.COL_REGION)


def daily_revenue(rows: Iterable[dict]) -> dict[dt.date, Decimal]:
    """Revenue per day, in date order; days without sales are absent."""
    totals: dict[dt.date, Decimal] = defaultdict(lambda: ZERO)
    for row in rows:
        totals[row[schema.COL_DATE]] += schema.revenue(row)
    return dict(sorted(totals.items()))


def units_by_sku(rows: Iterable[dict]) -> Counter:
    """Net units sold per SKU (returns subtract)."""
    units: Counter = Counter()
    for row in rows:
        units[row[schema.COL_SKU]] += row[schema.COL_QTY]
    return units


def top_skus(rows: Iterable[dict], n: int = 3) -> list[tuple[str, int]]:
    """The `n` SKUs with most net units sold; ties by SKU name."""
    units = units_by_sku(rows)
    ranked = sorted(units.items(), key=lambda item: (-item[1], item[0]))
    return ranked[:n]


def returns(rows: Iterable[dict]) -> list[dict]:
    """Rows with a negative quantity."""
    return [row for row in rows if row[schema.COL_QTY] < 0]


def store_share(rows: list[dict]) -> dict[str, Decimal]:
    """Each store's share of total revenue, as a percentage with one decimal."""
    totals = totals_by_store(rows)
    grand = sum(totals.values(), ZERO)
    if grand == 0:
        return {store: ZERO for store in totals}
    return {store: (amount * 100 / grand).quantize(Decimal("0.1")) for store, amount in totals.items()}


def best_day(rows: Iterable[dict]) -> tuple[dt.date, Decimal] | None:
    """The day with the highest revenue (the earliest on a tie), or None without rows."""
    daily = daily_revenue(rows)
    if not daily:
        return None
    return max(daily.items(), key=lambda item: (item[1], -item[0].toordinal()))


def write_summary(totals: dict, key_header: str) -> str:
    """A two-column CSV: the key and the revenue with two decimals."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([key_header, "revenue"])
    for key, amount in totals.items():
        label = key.isoformat() if isinstance(key, dt.date) else key
        writer.writerow([label, f"{amount:.2f}"])
    return out.getvalue()


def summary_text(rows: list[dict]) -> str:
    """The human-readable summary printed at the end of a day."""
    lines = ["Revenue by store:"]
    for store, amount in totals_by_store(rows).items():
        lines.append(f"  {store:<12} {amount:>10.2f}")
    lines.append("Revenue by region:")
    for region, amount in totals_by_region(rows).items():
        lines.append(f"  {region:<12} {amount:>10.2f}")
    top = top_skus(rows)
    if top:
        lines.append("Best sellers: " + ", ".join(f"{sku} ({units})" for sku, units in top))
    return "\n".join(lines)
