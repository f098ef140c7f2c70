"""Money as integer cents."""

from __future__ import annotations


def to_cents(text: str) -> int:
    """'12.5' -> 1250, '-3' -> -300, '0.07' -> 7."""
    text = text.strip()
    sign = -1 if text.startswith("-") else 1
    whole, _, frac = text.lstrip("+-").partition(".")
    if len(frac) > 2 or not (whole or frac) or not (whole + frac).isdigit():
        raise ValueError(f"not an amount: {text!r}")
    return sign * (int(whole or "0") * 100 + int((frac + "00")[:2]))


def format_cents(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    return f"{sign}{abs(cents) // 100}.{abs(cents) % 100:02d}"


def split_cents(total: int, parts: int) -> list[int]:
    """Split `total` cents into `parts` shares that differ by at most one cent.

    The leftover cents go to the first shares: split_cents(1000, 3) == [334, 333, 333].
    Raises ValueError when `parts` < 1.
    """
    if parts < 1:
        raise ValueError("parts must be at least 1")
    base, extra = divmod(total, parts)
    return [base + 1 if i < extra else base for i in range(parts)]
