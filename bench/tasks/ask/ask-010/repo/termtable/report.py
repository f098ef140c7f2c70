"""Tables used by the `inv` command."""

from __future__ import annotations

from .render import render_table


def stock_table(items: list[dict]) -> str:
    rows = [[i["sku"], i["name"], i["qty"], i.get("price")] for i in items]
    return render_table(["SKU", "Name", "Qty", "Price"], rows, max_width=24)


def totals_line(items: list[dict]) -> str:
    total = sum(i["qty"] * (i.get("price") or 0) for i in items)
    return f"{len(items)} items, stock value {total:.2f}"
