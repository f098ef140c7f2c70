"""Batches of stock and the store that holds them.

Each delivery of a product is a Batch with its own quantity, location and
(for perishables) expiry date. Stock leaves the store first-expiry-first-out so
that as little food as possible goes to waste.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, replace

from .catalog import Catalog


class StockError(Exception):
    """Base class for stock problems."""


class InsufficientStock(StockError):
    def __init__(self, sku: str, wanted: int, available: int) -> None:
        super().__init__(f"{sku}: wanted {wanted}, only {available} usable")
        self.sku = sku
        self.wanted = wanted
        self.available = available


class UnknownBatch(StockError):
    pass


@dataclass(frozen=True)
class Batch:
    batch_id: int
    sku: str
    quantity: int
    received: dt.date
    expires: dt.date | None = None  # None: does not expire
    location: str = "main"
    unit_cost_cents: int = 0

    def is_expired(self, today: dt.date) -> bool:
        """Expired once its expiry date is in the past; on the expiry day itself it is still usable."""
        return self.expires is not None and self.expires < today

    def days_left(self, today: dt.date) -> int | None:
        return None if self.expires is None else (self.expires - today).days

    def value_cents(self) -> int:
        return self.quantity * self.unit_cost_cents


def _fefo_key(batch: Batch) -> tuple:
    """Sort key for first-expiry-first-out: earliest expiry first, no expiry last,
    then oldest received, then lowest batch id."""
    return (batch.expires is None, batch.expires or dt.date.max, batch.received, batch.batch_id)


@dataclass(frozen=True)
class Movement:
    """One change of stock, kept for the audit log."""

    day: dt.date
    kind: str  # "in", "out", "discard", "move"
    batch_id: int
    sku: str
    quantity: int
    note: str = ""


class BatchStore:
    def __init__(self, catalog: Catalog | None = None) -> None:
        self.catalog = catalog
        self._batches: dict[int, Batch] = {}
        self._next_id = 1
        self.log: list[Movement] = []

    # --- receiving -------------------------------------------------------

    def receive(
        self,
        sku: str,
        quantity: int,
        received: dt.date,
        expires: dt.date | None = None,
        location: str = "main",
        unit_cost_cents: int = 0,
    ) -> Batch:
        """Add a delivery as a new batch and return it."""
        if quantity <= 0:
            raise ValueError("quantity must be positive")
        if self.catalog is not None and sku not in self.catalog:
            raise KeyError(f"unknown sku {sku!r}")
        if expires is not None and expires < received:
            raise ValueError("a batch cannot expire before it is received")
        batch = Batch(self._next_id, sku, quantity, received, expires, location, unit_cost_cents)
        self._batches[batch.batch_id] = batch
        self._next_id += 1
        self.log.append(Movement(received, "in", batch.batch_id, sku, quantity))
        return batch

    # --- looking ---------------------------------------------------------

    def batch(self, batch_id: int) -> Batch:
        try:
            return self._batches[batch_id]
        except KeyError:
            raise UnknownBatch(batch_id) from None

    def batches(self, sku: str | None = None) -> list[Batch]:
        """Batches (of one sku, or all) in first-expiry-first-out order."""
        chosen = [b for b in self._batches.values() if sku is None or b.sku == sku]
        return sorted(chosen, key=_fefo_key)

    def on_hand(self, sku: str) -> int:
        """Units of `sku` in the store, expired or not."""
        return sum(b.quantity for b in self._batches.values() if b.sku == sku)

    def usable(self, sku: str, today: dt.date) -> int:
        """Units of `sku` that are not expired on `today`."""
        return sum(b.quantity for b in self._batches.values() if b.sku == sku and not b.is_expired(today))

    def expiring_within(self, today: dt.date, days: int) -> list[Batch]:
        """Usable batches that expire in the next `days` days (today included)."""
        limit = today + dt.timedelta(days=days)
        return [
            b for b in self.batches() if b.expires is not None and not b.is_expired(today) and b.expires <= limit
        ]

    # --- taking stock out ------------------------------------------------

    def consume(self, sku: str, qty: int, today: dt.date) -> list[tuple[int, int]]:
        """Take `qty` units of `sku` out of the store, first-expiry-first-out.

        Batches are used in `_fefo_key` order (earliest expiry first, batches
        that never expire last, then oldest received, then lowest batch id).
        Expired batches (`Batch.is_expired(today)`) are never used; a batch is
        still usable on its expiry day. A batch that is emptied is removed
        from the store, a partly used one keeps the rest. Every batch touched
        adds an "out" Movement to `log`.

        Returns the (batch_id, units taken) pairs in the order used. Raises
        ValueError when `qty` is not positive, and InsufficientStock when fewer
        than `qty` usable units exist; in both cases nothing changes.
        """
        raise NotImplementedError

    def discard_expired(self, today: dt.date) -> list[Batch]:
        """Remove every expired batch; returns them (for the waste report)."""
        gone = [b for b in self.batches() if b.is_expired(today)]
        for batch in gone:
            del self._batches[batch.batch_id]
            self.log.append(Movement(today, "discard", batch.batch_id, batch.sku, batch.quantity, "expired"))
        return gone

    def move(self, batch_id: int, location: str, today: dt.date) -> Batch:
        """Move a whole batch to another location."""
        batch = self.batch(batch_id)
        moved = replace(batch, location=location)
        self._batches[batch_id] = moved
        self.log.append(Movement(today, "move", batch_id, batch.sku, batch.quantity, f"{batch.location}->{location}"))
        return moved

    def split(self, batch_id: int, quantity: int, location: str, today: dt.date) -> Batch:
        """Move part of a batch to another location as a new batch with the same dates."""
        batch = self.batch(batch_id)
        if not 0 < quantity < batch.quantity:
            raise ValueError("split quantity must be between 0 and the batch quantity (exclusive)")
        self._batches[batch_id] = replace(batch, quantity=batch.quantity - quantity)
        part = replace(batch, batch_id=self._next_id, quantity=quantity, location=location)
        self._batches[part.batch_id] = part
        self._next_id += 1
        self.log.append(Movement(today, "move", part.batch_id, batch.sku, quantity, f"split from {batch_id}"))
        return part

    # --- reports ---------------------------------------------------------

    def stock_value_cents(self, today: dt.date | None = None) -> int:
        """Value of the stock; with `today`, expired batches are not counted."""
        return sum(
            b.value_cents() for b in self._batches.values() if today is None or not b.is_expired(today)
        )

    def by_location(self) -> dict[str, dict[str, int]]:
        """{location: {sku: units}}, both levels sorted."""
        table: dict[str, dict[str, int]] = {}
        for b in self._batches.values():
            row = table.setdefault(b.location, {})
            row[b.sku] = row.get(b.sku, 0) + b.quantity
        return {loc: dict(sorted(row.items())) for loc, row in sorted(table.items())}

    def below_minimum(self, today: dt.date) -> list[tuple[str, int, int]]:
        """(sku, usable, minimum) for catalog products whose usable stock is under their minimum."""
        if self.catalog is None:
            return []
        short = []
        for sku in self.catalog.skus():
            product = self.catalog.get(sku)
            have = self.usable(sku, today)
            if have < product.min_stock:
                short.append((sku, have, product.min_stock))
        return short

    def waste_report(self, since: dt.date) -> dict[str, int]:
        """Units discarded per sku since a date."""
        report: dict[str, int] = {}
        for m in self.log:
            if m.kind == "discard" and m.day >= since:
                report[m.sku] = report.get(m.sku, 0) + m.quantity
        return dict(sorted(report.items()))

    def export_csv(self) -> str:
        """All batches as CSV, in first-expiry-first-out order."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["batch", "sku", "quantity", "received", "expires", "location", "unit_cost_cents"])
        for b in self.batches():
            writer.writerow(
                [
                    b.batch_id,
                    b.sku,
                    b.quantity,
                    b.received.isoformat(),
                    b.expires.isoformat() if b.expires else "",
                    b.location,
                    b.unit_cost_cents,
                ]
            )
        return out.getvalue()

    @classmethod
    def import_csv(cls, text: str, catalog: Catalog | None = None) -> BatchStore:
        """Rebuild a store from `export_csv` output (batch ids are kept)."""
        store = cls(catalog)
        for row in csv.DictReader(io.StringIO(text)):
            batch = Batch(
                int(row["batch"]),
                row["sku"],
                int(row["quantity"]),
                dt.date.fromisoformat(row["received"]),
                dt.date.fromisoformat(row["expires"]) if row["expires"] else None,
                row["location"],
                int(row["unit_cost_cents"]),
            )
            store._batches[batch.batch_id] = batch
            store._next_id = max(store._next_id, batch.batch_id + 1)
        return store


def fulfil_order(store: BatchStore, lines: dict[str, int], today: dt.date) -> dict[str, list[tuple[int, int]]]:
    """Consume every line of an order, or none of them.

    Checks all lines first so that a short line does not leave the order half
    picked.
    """
    for sku, qty in lines.items():
        available = store.usable(sku, today)
        if available < qty:
            raise InsufficientStock(sku, qty, available)
    return {sku: store.consume(sku, qty, today) for sku, qty in lines.items()}


def pick_list(picks: dict[str, list[tuple[int, int]]], store_before: dict[int, Batch]) -> list[str]:
    """Printable picking instructions: where to find each batch used."""
    lines = []
    for sku, taken in sorted(picks.items()):
        for batch_id, qty in taken:
            location = store_before[batch_id].location if batch_id in store_before else "?"
            lines.append(f"{sku:<10} batch {batch_id:<5} {qty:>5}  @ {location}")
    return lines


# --- reservations ------------------------------------------------------------


@dataclass(frozen=True)
class Reservation:
    """Units promised to a partner charity for a pickup day."""

    partner: str
    sku: str
    quantity: int
    pickup: dt.date


class ReservationBook:
    """Promises made against the store's stock, checked before anything is promised twice."""

    def __init__(self, store: BatchStore) -> None:
        self.store = store
        self._reservations: list[Reservation] = []

    def reserved(self, sku: str) -> int:
        return sum(r.quantity for r in self._reservations if r.sku == sku)

    def free(self, sku: str, day: dt.date) -> int:
        """Units usable on `day` that are not promised to anyone yet."""
        return self.store.usable(sku, day) - self.reserved(sku)

    def reserve(self, partner: str, sku: str, quantity: int, pickup: dt.date) -> Reservation:
        if quantity <= 0:
            raise ValueError("quantity must be positive")
        free = self.free(sku, pickup)
        if free < quantity:
            raise InsufficientStock(sku, quantity, free)
        reservation = Reservation(partner, sku, quantity, pickup)
        self._reservations.append(reservation)
        return reservation

    def cancel(self, partner: str, pickup: dt.date) -> int:
        """Drop a partner's reservations for a day; returns how many were dropped."""
        before = len(self._reservations)
        self._reservations = [r for r in self._reservations if not (r.partner == partner and r.pickup == pickup)]
        return before - len(self._reservations)

    def due(self, day: dt.date) -> list[Reservation]:
        return sorted((r for r in self._reservations if r.pickup == day), key=lambda r: (r.partner, r.sku))

    def hand_out(self, day: dt.date) -> dict[str, list[tuple[int, int]]]:
        """Consume the stock for every reservation due on `day`; returns the picks per partner."""
        picks: dict[str, list[tuple[int, int]]] = {}
        for reservation in self.due(day):
            taken = self.store.consume(reservation.sku, reservation.quantity, day)
            picks.setdefault(reservation.partner, []).extend(taken)
            self._reservations.remove(reservation)
        return picks


def intake_summary(store: BatchStore, since: dt.date, until: dt.date) -> dict[str, int]:
    """Units received per sku between two dates (both included), from the movement log."""
    summary: dict[str, int] = {}
    for m in store.log:
        if m.kind == "in" and since <= m.day <= until:
            summary[m.sku] = summary.get(m.sku, 0) + m.quantity
    return dict(sorted(summary.items()))


def expiry_calendar(store: BatchStore, today: dt.date, days: int = 14) -> dict[dt.date, list[str]]:
    """For the coming days, which batches expire ('sku#id (qty)'), to plan give-aways."""
    calendar: dict[dt.date, list[str]] = {}
    for batch in store.expiring_within(today, days):
        assert batch.expires is not None
        calendar.setdefault(batch.expires, []).append(f"{batch.sku}#{batch.batch_id} ({batch.quantity})")
    return dict(sorted(calendar.items()))
