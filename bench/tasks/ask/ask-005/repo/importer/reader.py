"""Reading supplier CSV files into Product records.

Suppliers name their columns differently, so headers are matched through
COLUMN_ALIASES before anything else is read.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from .models import Product

REQUIRED_COLUMNS = ("sku", "name", "price", "stock")

COLUMN_ALIASES = {
    "article": "sku",
    "item": "sku",
    "code": "sku",
    "title": "name",
    "description": "name",
    "unit price": "price",
    "cost": "price",
    "qty": "stock",
    "quantity": "stock",
    "on hand": "stock",
}


class HeaderError(ValueError):
    """The header row lacks a required column."""

    def __init__(self, missing: list[str], found: list[str]) -> None:
        super().__init__(f"missing column(s) {', '.join(missing)}; the file has {', '.join(found) or 'no columns'}")
        self.missing = missing
        self.found = found


@dataclass
class ImportReport:
    products: list[Product] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)  # (line number, reason)


def canonical(column: str) -> str:
    name = column.strip().lower()
    return COLUMN_ALIASES.get(name, name)


def check_header(header: list[str]) -> dict[str, int]:
    """Map each required column to its index in `header`; raise HeaderError if any is missing."""
    positions: dict[str, int] = {}
    for index, column in enumerate(header):
        positions.setdefault(canonical(column), index)
    missing = [c for c in REQUIRED_COLUMNS if c not in positions]
    if missing:
        raise HeaderError(missing, [h.strip() for h in header])
    return positions


def _parse_row(row: list[str], positions: dict[str, int], supplier: str) -> Product:
    def cell(column: str) -> str:
        index = positions[column]
        return row[index].strip() if index < len(row) else ""

    sku = cell("sku")
    if not sku:
        raise ValueError("empty sku")
    try:
        price = Decimal(cell("price").replace(",", "."))
    except InvalidOperation:
        raise ValueError(f"bad price {cell('price')!r}") from None
    stock_text = cell("stock") or "0"
    if not stock_text.lstrip("-").isdigit():
        raise ValueError(f"bad stock {stock_text!r}")
    return Product(sku, cell("name"), price, int(stock_text), supplier)


def read_products(text: str, supplier: str = "", delimiter: str = ",") -> ImportReport:
    """Read a supplier file. A bad header stops the import; bad rows are skipped and reported."""
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    report = ImportReport()
    if not rows:
        return report
    positions = check_header(rows[0])
    for line_no, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        try:
            report.products.append(_parse_row(row, positions, supplier))
        except ValueError as exc:
            report.skipped.append((line_no, str(exc)))
    return report


def sniff_delimiter(text: str) -> str:
    """';' for files from spreadsheet programs set to a European locale, else ','."""
    first = text.split("\n", 1)[0]
    return ";" if first.count(";") > first.count(",") else ","


# --- comparing an import with the current catalog ---------------------------


@dataclass(frozen=True)
class PriceChange:
    sku: str
    old: Decimal
    new: Decimal

    @property
    def percent(self) -> Decimal:
        if self.old == 0:
            return Decimal(100)
        return ((self.new - self.old) * 100 / self.old).quantize(Decimal("0.1"))


@dataclass
class CatalogDiff:
    added: list[Product] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    price_changes: list[PriceChange] = field(default_factory=list)
    stock_changes: dict[str, tuple[int, int]] = field(default_factory=dict)

    def is_empty(self) -> bool:
        return not (self.added or self.removed or self.price_changes or self.stock_changes)


def diff_catalog(current: dict[str, Product], incoming: list[Product], supplier: str) -> CatalogDiff:
    """What an import would change for one supplier's products.

    Products of other suppliers are left alone; a product of this supplier
    that is missing from the import counts as removed.
    """
    diff = CatalogDiff()
    seen: set[str] = set()
    for product in incoming:
        seen.add(product.sku)
        old = current.get(product.sku)
        if old is None:
            diff.added.append(product)
            continue
        if old.price != product.price:
            diff.price_changes.append(PriceChange(product.sku, old.price, product.price))
        if old.stock != product.stock:
            diff.stock_changes[product.sku] = (old.stock, product.stock)
    diff.removed = sorted(sku for sku, p in current.items() if p.supplier == supplier and sku not in seen)
    return diff


def suspicious_prices(diff: CatalogDiff, limit_percent: int = 30) -> list[PriceChange]:
    """Price changes larger than `limit_percent` either way; usually a typo in the supplier file."""
    return [c for c in diff.price_changes if abs(c.percent) > limit_percent]


def apply_diff(current: dict[str, Product], diff: CatalogDiff, incoming: list[Product]) -> dict[str, Product]:
    """A new catalog with the import applied (the input dict is not changed)."""
    updated = dict(current)
    for sku in diff.removed:
        updated.pop(sku, None)
    for product in incoming:
        updated[product.sku] = product
    return updated


def describe_diff(diff: CatalogDiff) -> list[str]:
    lines = [
        f"{len(diff.added)} new, {len(diff.removed)} removed, "
        f"{len(diff.price_changes)} price changes, {len(diff.stock_changes)} stock changes"
    ]
    for change in diff.price_changes:
        lines.append(f"  {change.sku}: {change.old} -> {change.new} ({change.percent:+}%)")
    for sku in diff.removed:
        lines.append(f"  {sku}: no longer supplied")
    return lines


def rejects_csv(report: ImportReport) -> str:
    """The skipped rows as CSV (line, reason), to send back to the supplier."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["line", "reason"])
    writer.writerows(report.skipped)
    return out.getvalue()


def import_file(
    text: str, current: dict[str, Product], supplier: str, max_price_jump: int = 30
) -> tuple[dict[str, Product], list[str]]:
    """Read, compare and apply one supplier file; returns the new catalog and a report.

    Nothing is applied when a price moved more than `max_price_jump` percent:
    the report lists those changes instead, for a person to confirm.
    """
    report = read_products(text, supplier, sniff_delimiter(text))
    diff = diff_catalog(current, report.products, supplier)
    lines = describe_diff(diff)
    if report.skipped:
        lines.append(f"{len(report.skipped)} rows skipped")
    jumps = suspicious_prices(diff, max_price_jump)
    if jumps:
        lines.append("not applied: " + ", ".join(c.sku for c in jumps) + " changed price by more than "
                     f"{max_price_jump}%")
        return current, lines
    return apply_diff(current, diff, report.products), lines
