"""Parsing of the amount formats found in exported spreadsheets."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

CURRENCY_SIGNS = "$€£"


def parse_amount(text: str) -> Decimal:
    """Parse an amount such as '12.50', '1,234.00', '$ 7', '-3' or '(45.10)'.

    Thousands separators and currency signs are ignored; an amount in
    parentheses is negative (accounting style). Raises ValueError for text that
    is not an amount, including blank text.
    """
    cleaned = text.strip()
    negative = cleaned.startswith("(") and cleaned.endswith(")")
    if negative:
        cleaned = cleaned[1:-1]
    cleaned = cleaned.replace(",", "").strip(CURRENCY_SIGNS + " ")
    if not cleaned:
        raise ValueError(f"not an amount: {text!r}")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"not an amount: {text!r}") from None
    return -value if negative else value


def is_blank(text: str | None) -> bool:
    return text is None or not text.strip()
