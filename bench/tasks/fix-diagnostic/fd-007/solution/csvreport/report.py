"""The monthly sales report: totals by region and product, rankings, exports.

Amounts are kept as integer cents and only formatted on export, with the
conventions of `formats` (the team's spreadsheet locale).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable

from . import formats
from .data import Sale

COLUMNS = ["region", "product", "quantity", "revenue", "share"]


@dataclass(frozen=True)
class Line:
    """One row of the report: a region and product with their totals."""

    region: str
    product: str
    quantity: int
    revenue_cents: int
    share: float  # of the report's total revenue, 0..1


@dataclass
class Report:
    """Sales of one period, with optional filters applied before totals."""

    title: str
    sales: list[Sale] = field(default_factory=list)

    # -- building -------------------------------------------------------------

    def add(self, sale: Sale) -> None:
        self.sales.append(sale)

    def extend(self, sales: Iterable[Sale]) -> None:
        self.sales.extend(sales)

    def where(self, keep: Callable[[Sale], bool], title: str | None = None) -> "Report":
        """A new report with only the sales `keep` accepts."""
        return Report(title or self.title, [s for s in self.sales if keep(s)])

    def between(self, start: dt.date, end: dt.date) -> "Report":
        """Sales from `start` to `end`, both included."""
        return self.where(lambda s: start <= s.day <= end, f"{self.title} {start}..{end}")

    def for_region(self, region: str) -> "Report":
        return self.where(lambda s: s.region == region, f"{self.title} ({region})")

    # -- totals ---------------------------------------------------------------

    def total_cents(self) -> int:
        return sum(s.total_cents for s in self.sales)

    def total_quantity(self) -> int:
        return sum(s.quantity for s in self.sales)

    def by_region(self) -> dict[str, int]:
        """Revenue cents per region, regions sorted by name."""
        totals: dict[str, int] = defaultdict(int)
        for sale in self.sales:
            totals[sale.region] += sale.total_cents
        return dict(sorted(totals.items()))

    def by_product(self) -> dict[str, int]:
        totals: dict[str, int] = defaultdict(int)
        for sale in self.sales:
            totals[sale.product] += sale.total_cents
        return dict(sorted(totals.items()))

    def by_month(self) -> dict[str, int]:
        """Revenue cents per 'YYYY-MM', months in order."""
        totals: dict[str, int] = defaultdict(int)
        for sale in self.sales:
            totals[formats.format_month(sale.day)] += sale.total_cents
        return dict(sorted(totals.items()))

    def lines(self) -> list[Line]:
        """One line per (region, product), sorted by region then product."""
        quantity: dict[tuple[str, str], int] = defaultdict(int)
        revenue: dict[tuple[str, str], int] = defaultdict(int)
        for sale in self.sales:
            key = (sale.region, sale.product)
            quantity[key] += sale.quantity
            revenue[key] += sale.total_cents
        total = self.total_cents()
        return [
            Line(region, product, quantity[(region, product)], cents, cents / total if total else 0.0)
            for (region, product), cents in sorted(revenue.items())
        ]

    def top_products(self, n: int = 3) -> list[tuple[str, int]]:
        """The `n` products with the most revenue, best first (ties by name)."""
        ranked = sorted(self.by_product().items(), key=lambda item: (-item[1], item[0]))
        return ranked[:n]

    def growth(self) -> dict[str, float | None]:
        """Month-over-month revenue change as a ratio (None for the first month or after a zero month)."""
        months = self.by_month()
        result: dict[str, float | None] = {}
        previous: int | None = None
        for month, cents in months.items():
            result[month] = (cents - previous) / previous if previous else None
            previous = cents
        return result

    def pivot(self) -> tuple[list[str], list[tuple[str, list[int]]]]:
        """Revenue cents per region (rows) and month (columns).

        Returns the month headers and, per region, one value per month (0 when no sale).
        """
        months = sorted({formats.format_month(s.day) for s in self.sales})
        cells: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for sale in self.sales:
            cells[sale.region][formats.format_month(sale.day)] += sale.total_cents
        rows = [(region, [cells[region][m] for m in months]) for region in sorted(cells)]
        return months, rows

    def average_basket(self) -> dict[str, int]:
        """Average revenue cents per sale, per region (rounded half up to the cent)."""
        totals: dict[str, list[int]] = defaultdict(lambda: [0, 0])
        for sale in self.sales:
            totals[sale.region][0] += sale.total_cents
            totals[sale.region][1] += 1
        return {region: (cents * 2 + count) // (2 * count) for region, (cents, count) in sorted(totals.items())}

    def best_day(self) -> tuple[dt.date, int] | None:
        """The day with the most revenue (the earliest on a tie), or None without sales."""
        days: dict[dt.date, int] = defaultdict(int)
        for sale in self.sales:
            days[sale.day] += sale.total_cents
        if not days:
            return None
        return min(days.items(), key=lambda item: (-item[1], item[0]))

    def compare(self, previous: "Report") -> dict[str, tuple[int, int, float | None]]:
        """Per region: (previous cents, current cents, change ratio or None when previous is 0)."""
        now, before = self.by_region(), previous.by_region()
        out = {}
        for region in sorted(set(now) | set(before)):
            a, b = before.get(region, 0), now.get(region, 0)
            out[region] = (a, b, (b - a) / a if a else None)
        return out

    def forecast_next_month(self) -> int:
        """A naive forecast: the last month plus the average month-over-month change (cents, >= 0)."""
        values = list(self.by_month().values())
        if not values:
            return 0
        if len(values) == 1:
            return values[0]
        steps = [b - a for a, b in zip(values, values[1:])]
        return max(0, round(values[-1] + sum(steps) / len(steps)))

    # -- exports --------------------------------------------------------------

    def rows(self) -> list[list[str]]:
        """The report's lines as strings, formatted for the team's spreadsheet."""
        return [
            [
                line.region,
                line.product,
                str(line.quantity),
                formats.format_amount(line.revenue_cents),
                formats.format_percent(line.share),
            ]
            for line in self.lines()
        ]

    def to_csv(self, with_total: bool = True) -> str:
        """The report as CSV text for the spreadsheet: header, lines, then a total row."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=formats.CSV_DELIMITER, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(self.rows())
        if with_total:
            writer.writerow(
                ["TOTAL", "", str(self.total_quantity()), formats.format_amount(self.total_cents()), ""]
            )
        return buffer.getvalue()

    def to_markdown(self) -> str:
        """A Markdown table with a title line, for the wiki."""
        out = [f"## {self.title}", "", "| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
        out += ["| " + " | ".join(row) + " |" for row in self.rows()]
        out.append(f"\nTotal: {formats.format_amount(self.total_cents())}")
        return "\n".join(out)

    def to_json(self) -> str:
        """Machine-readable export: raw cents, no locale formatting."""
        payload = {
            "title": self.title,
            "total_cents": self.total_cents(),
            "lines": [
                {
                    "region": line.region,
                    "product": line.product,
                    "quantity": line.quantity,
                    "revenue_cents": line.revenue_cents,
                }
                for line in self.lines()
            ],
        }
        return json.dumps(payload, indent=2, sort_keys=True)

    def to_html(self) -> str:
        """A bare HTML table (for the intranet page), values formatted like the CSV."""

        def cell(tag: str, text: str) -> str:
            escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            return f"<{tag}>{escaped}</{tag}>"

        head = "<tr>" + "".join(cell("th", c) for c in COLUMNS) + "</tr>"
        body = ["<tr>" + "".join(cell("td", v) for v in row) + "</tr>" for row in self.rows()]
        return "\n".join([f"<table><caption>{self.title}</caption>", head, *body, "</table>"])

    def summary(self) -> str:
        """A few lines for the e-mail body."""
        best = self.top_products(1)
        parts = [
            f"{self.title}: {len(self.sales)} sales, {formats.format_amount(self.total_cents())}",
        ]
        if best:
            product, cents = best[0]
            parts.append(f"best product: {product} ({formats.format_amount(cents)})")
        for region, cents in self.by_region().items():
            share = cents / self.total_cents() if self.total_cents() else 0.0
            parts.append(f"  {region}: {formats.format_amount(cents)} ({formats.format_percent(share)})")
        return "\n".join(parts)


def merge(reports: Iterable[Report], title: str) -> Report:
    """One report with the sales of several."""
    merged = Report(title)
    for report in reports:
        merged.extend(report.sales)
    return merged
