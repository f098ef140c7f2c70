"""Group CSV rows and total a column, then render the result as text."""

from __future__ import annotations

import csv
import io
from decimal import Decimal


def read_rows(text: str) -> list[dict[str, str]]:
    """Rows of a CSV document (first line is the header) as dicts."""
    reader = csv.DictReader(io.StringIO(text))
    return [dict(row) for row in reader]


def columns_of(rows: list[dict[str, str]]) -> list[str]:
    return list(rows[0].keys()) if rows else []


def require_columns(rows: list[dict[str, str]], *names: str) -> None:
    """Raise KeyError naming the first column that the rows do not have."""
    present = set(columns_of(rows))
    for name in names:
        if rows and name not in present:
            raise KeyError(f"no column {name!r}; columns are {sorted(present)}")


def group_totals(rows: list[dict[str, str]], key: str, value: str) -> dict[str, Decimal]:
    """Total the `value` column per distinct `key` column value.

    Amounts are parsed with `parse_amount` from csvreport/parsing.py, so
    '1,234.50', '$ 7' and '(12.00)' (negative) are understood. A blank amount
    counts as zero, but its group still appears in the result. Group names are
    stripped of surrounding spaces. The result is ordered by group name.
    Raises KeyError (via `require_columns`) when either column is missing.
    """
    raise NotImplementedError


def top_groups(totals: dict[str, Decimal], n: int = 3) -> list[tuple[str, Decimal]]:
    """The `n` largest groups, largest first; ties by name."""
    return sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def percent_shares(totals: dict[str, Decimal]) -> dict[str, Decimal]:
    """Each group's share of the grand total in percent, rounded to 0.1."""
    grand = sum(totals.values(), Decimal(0))
    if grand == 0:
        return {name: Decimal(0) for name in totals}
    return {name: (amount * 100 / grand).quantize(Decimal("0.1")) for name, amount in totals.items()}


def format_amount(amount: Decimal) -> str:
    """'1,234.50' style, with a leading minus for negatives."""
    sign = "-" if amount < 0 else ""
    return f"{sign}{abs(amount):,.2f}"


def render_summary(text: str, key: str, value: str, title: str = "Summary") -> str:
    """A small text report: one line per group, then the grand total."""
    rows = read_rows(text)
    totals = group_totals(rows, key, value)
    shares = percent_shares(totals)
    width = max([len(name) for name in totals] + [5])
    lines = [title, "=" * len(title)]
    for name, amount in totals.items():
        lines.append(f"{name:<{width}}  {format_amount(amount):>14}  {shares[name]:>5}%")
    grand = sum(totals.values(), Decimal(0))
    lines.append("-" * (width + 24))
    lines.append(f"{'Total':<{width}}  {format_amount(grand):>14}")
    return "\n".join(lines)


def render_top(text: str, key: str, value: str, n: int = 3) -> str:
    rows = read_rows(text)
    best = top_groups(group_totals(rows, key, value), n)
    return "\n".join(f"{i}. {name} ({format_amount(amount)})" for i, (name, amount) in enumerate(best, 1))
