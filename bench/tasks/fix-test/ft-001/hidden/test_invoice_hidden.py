from decimal import Decimal

import pytest

from billing.invoice import Invoice
from billing.tax import UnknownRegion


def test_reduced_and_standard_rates_per_region():
    inv = Invoice("A-1", "Jean Roux", "FR")
    inv.add_line("BK-9", "Roman", 1, "20.00", "books")
    inv.add_line("TEA", "Green tea", 2, "5.00", "food")
    inv.add_line("LAMP", "Desk lamp", 1, "40.00")
    assert inv.line_tax(inv.lines[0]) == Decimal("1.10")
    assert inv.line_tax(inv.lines[1]) == Decimal("0.55")
    assert inv.line_tax(inv.lines[2]) == Decimal("8.00")
    assert inv.tax_total() == Decimal("9.65")
    assert inv.total() == Decimal("79.65")


def test_zero_rated_books_in_ireland():
    inv = Invoice("A-2", "Sean Kelly", "IE")
    inv.add_line("BK-2", "Poems", 3, "10.00", "books")
    inv.add_line("PEN", "Fountain pen", 1, "10.00")
    assert inv.tax_total() == Decimal("2.30")
    assert inv.total() == Decimal("42.30")


def test_unknown_category_pays_standard_rate():
    inv = Invoice("A-3", "Eva Smit", "NL")
    inv.add_line("GAME", "Board game", 1, "30.00", "toys")
    assert inv.tax_total() == Decimal("6.30")


def test_tax_by_rate_groups_lines():
    inv = Invoice("A-4", "Anna Berg", "DE")
    inv.add_line("BK-1", "Guide", 1, "10.00", "books")
    inv.add_line("BK-2", "Atlas", 1, "20.00", "books")
    inv.add_line("MUG", "Mug", 1, "10.00")
    assert inv.tax_by_rate() == {Decimal("0.07"): Decimal("2.10"), Decimal("0.19"): Decimal("1.90")}


def test_unknown_region_is_still_an_error():
    inv = Invoice("A-5", "Nobody", "XX")
    inv.add_line("MUG", "Mug", 1, "10.00")
    with pytest.raises(UnknownRegion):
        inv.tax_total()


def test_render_shows_vat_and_total():
    inv = Invoice("A-6", "Anna Berg", "DE")
    inv.add_line("BK-1", "Guide", 2, "12.50", "books")
    text = inv.render()
    assert "1.75 EUR" in text
    assert "26.75 EUR" in text
