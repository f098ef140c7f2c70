"""SKU codes: three letters, a dash, four digits (e.g. 'TEA-0042')."""

from __future__ import annotations

import re

_SKU = re.compile(r"^[A-Z]{3}-\d{4}$")


def normalize_sku(raw: str) -> str:
    """Upper-case and trim a SKU, and check its shape."""
    sku = raw.strip().upper()
    if not _SKU.match(sku):
        raise ValueError(f"not a SKU: {raw!r}")
    return sku


def category_of(sku: str) -> str:
    """The three-letter category prefix of a SKU."""
    return normalize_sku(sku)[:3]
