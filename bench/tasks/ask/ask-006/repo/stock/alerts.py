"""Low-stock alerts: raised when an item falls to its reorder level, resolved on restock."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Alert:
    sku: str
    on_hand: int
    reorder_level: int
    raised: dt.date

    def message(self) -> str:
        return f"{self.sku}: {self.on_hand} left (reorder at {self.reorder_level})"


@dataclass
class AlertBook:
    open: dict[str, Alert] = field(default_factory=dict)
    history: list[Alert] = field(default_factory=list)

    def raise_alert(self, alert: Alert) -> bool:
        """Open an alert unless one is already open for the sku; True when a new one was opened."""
        if alert.sku in self.open:
            return False
        self.open[alert.sku] = alert
        self.history.append(alert)
        return True

    def resolve(self, sku: str) -> Alert | None:
        return self.open.pop(sku, None)


def check_low_stock(book: AlertBook, sku: str, on_hand: int, reorder_level: int, today: dt.date) -> Alert | None:
    """Report low stock: open an alert when `on_hand` is at or below `reorder_level`."""
    if reorder_level <= 0 or on_hand > reorder_level:
        return None
    alert = Alert(sku, on_hand, reorder_level, today)
    return alert if book.raise_alert(alert) else None
