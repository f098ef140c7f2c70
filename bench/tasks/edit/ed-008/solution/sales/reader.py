"""Read a sales CSV export into a SalesBatch."""

from __future__ import annotations

import csv
from decimal import InvalidOperation
from typing import TextIO

from .models import SalesBatch, SaleRecord

REQUIRED = ("date", "region", "product", "quantity", "unit_price")


def read_sales(stream: TextIO) -> SalesBatch:
    """Every good line becomes a SaleRecord; bad lines are kept with their line number and reason."""
    reader = csv.DictReader(stream)
    missing = [name for name in REQUIRED if name not in (reader.fieldnames or [])]
    if missing:
        raise ValueError(f"missing columns: {', '.join(missing)}")
    batch = SalesBatch()
    for lineno, data in enumerate(reader, start=2):
        try:
            batch.add(SaleRecord.from_dict(data))
        except (ValueError, KeyError, InvalidOperation) as exc:
            batch.rejected.append((lineno, str(exc) or type(exc).__name__))
    return batch


def read_sales_file(path: str) -> SalesBatch:
    with open(path, newline="", encoding="utf-8") as fh:
        return read_sales(fh)
