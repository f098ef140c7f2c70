"""The columns of a till export and how each row is parsed.

A till export is a CSV file with a header row:

    date,store,region,sku,qty,unit_price
    2024-03-01,Leeds-1,North,TEA-200,3,4.50
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

COL_DATE = "date"
COL_STORE = "store"
COL_REGION = "region"
COL_SKU = "sku"
COL_QTY = "qty"
COL_PRICE = "unit_price"

COLUMNS = (COL_DATE, COL_STORE, COL_REGION, COL_SKU, COL_QTY, COL_PRICE)


class SchemaError(ValueError):
    """A row that does not match the export format."""


def check_header(header: list[str]) -> None:
    missing = [col for col in COLUMNS if col not in header]
    if missing:
        raise SchemaError(f"missing columns: {', '.join(missing)}")


def parse_row(raw: dict[str, str], line: int = 0) -> dict:
    """Convert one CSV row's strings to date, str, int and Decimal values."""
    try:
        row = {
            COL_DATE: dt.date.fromisoformat(raw[COL_DATE].strip()),
            COL_STORE: raw[COL_STORE].strip(),
            COL_REGION: raw[COL_REGION].strip(),
            COL_SKU: raw[COL_SKU].strip().upper(),
            COL_QTY: int(raw[COL_QTY]),
            COL_PRICE: Decimal(raw[COL_PRICE].strip()),
        }
    except (KeyError, ValueError, InvalidOperation) as exc:
        raise SchemaError(f"line {line}: {exc}") from None
    if row[COL_QTY] == 0:
        raise SchemaError(f"line {line}: zero quantity")
    return row


def revenue(row: dict) -> Decimal:
    """Quantity times unit price; returns are negative quantities."""
    return row[COL_QTY] * row[COL_PRICE]
