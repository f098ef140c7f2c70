"""Plain-text reorder report for the purchasing team."""

from __future__ import annotations

from .stock import StockBook, calc_reorder_qty


def reorder_lines(book: StockBook, cover_days: int = 30) -> list[tuple[str, str, int]]:
    """(sku, name, quantity) for every item that should be ordered now."""
    rows = []
    for item in book.below_reorder_point():
        quantity = calc_reorder_qty(item, cover_days)
        if quantity:
            rows.append((item.sku, item.name, quantity))
    return rows


def render_reorder_report(book: StockBook, cover_days: int = 30) -> str:
    """The report as text, one aligned line per item."""
    rows = reorder_lines(book, cover_days)
    if not rows:
        return "Nothing to reorder."
    width = max(len(name) for _, name, _ in rows)
    lines = [f"Reorder report ({cover_days} days cover)"]
    for sku, name, quantity in rows:
        lines.append(f"{sku:<8} {name:<{width}} {quantity:>6}")
    return "\n".join(lines)
