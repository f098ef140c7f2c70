from decimal import Decimal

import pytest

from csvreport.summary import group_totals, read_rows, render_top

CSV = """date,category,amount
2024-01-02, food ,12.50
2024-01-03,rent,"1,200.00"
2024-01-04,food,(2.50)
2024-01-05,books,
2024-01-06,food,$ 3
"""


def test_totals_per_group_sorted():
    totals = group_totals(read_rows(CSV), "category", "amount")
    assert list(totals) == ["books", "food", "rent"]
    assert totals["food"] == Decimal("13.00")
    assert totals["rent"] == Decimal("1200.00")


def test_blank_amount_counts_as_zero_but_group_listed():
    totals = group_totals(read_rows(CSV), "category", "amount")
    assert totals["books"] == Decimal(0)


def test_missing_column():
    with pytest.raises(KeyError):
        group_totals(read_rows(CSV), "category", "price")


def test_empty_rows():
    assert group_totals([], "category", "amount") == {}


def test_render_top():
    assert render_top(CSV, "category", "amount", 2) == "1. rent (1,200.00)\n2. food (13.00)"
