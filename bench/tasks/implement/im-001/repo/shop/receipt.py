"""Plain-text receipts for orders."""

from __future__ import annotations

from .order import Order


def money(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


def render_receipt(order: Order) -> str:
    """A receipt: one row per line, then subtotal, discount and total."""
    rows = [f"Receipt for {order.customer}"]
    for line in order.lines:
        rows.append(f"{line.quantity} x {line.sku:<12} {money(line.amount()):>10}")
    rows.append(f"{'Subtotal':<16} {money(order.subtotal()):>10}")
    if order.discount():
        rows.append(f"{'Discount':<16} {'-' + money(order.discount()):>10}")
    rows.append(f"{'Total':<16} {money(order.grand_total()):>10}")
    return "\n".join(rows)
