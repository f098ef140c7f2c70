"""Invoice numbers: INV-<year>-<4-digit sequence>, one sequence per year."""

from __future__ import annotations

import re

_NUMBER = re.compile(r"^INV-(\d{4})-(\d{4})$")


def format_number(year: int, seq: int) -> str:
    return f"INV-{year}-{seq:04d}"


def parse_number(number: str) -> tuple[int, int]:
    match = _NUMBER.match(number)
    if not match:
        raise ValueError(f"bad invoice number {number!r}")
    return int(match.group(1)), int(match.group(2))


def next_number(existing: list[str], year: int) -> str:
    """The number after the highest one of `year` (0001 for the first)."""
    seqs = [seq for y, seq in map(parse_number, existing) if y == year]
    return format_number(year, max(seqs, default=0) + 1)
