from decimal import Decimal

import pytest

from billing.invoice import Invoice, merge


def make_invoice():
    inv = Invoice("2024-017", "Anna Berg", "DE")
    inv.add_line("BK-1", "Field guide to mosses", 2, "12.50", "books")
    inv.add_line("MUG-3", "Enamel mug", 1, "9.90")
    return inv


def test_subtotal_sums_lines():
    assert make_invoice().subtotal() == Decimal("34.90")


def test_add_line_rejects_zero_quantity():
    with pytest.raises(ValueError):
        make_invoice().add_line("X", "nothing", 0, "1.00")


def test_tax_uses_category_rate_of_region():
    inv = make_invoice()
    # books at 7 %, the mug at the standard 19 %
    assert inv.tax_total() == Decimal("1.75") + Decimal("1.88")


def test_total_is_subtotal_plus_tax():
    assert make_invoice().total() == Decimal("38.53")


def test_merge_keeps_all_lines():
    a, b = make_invoice(), make_invoice()
    assert len(merge(a, b, "2024-018").lines) == 4
