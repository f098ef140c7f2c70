from decimal import Decimal

from catalog.listing import Listing, Product
from catalog.pagination import page_count


def products(n):
    return [Product(f"P{i:02d}", f"Item {i:02d}", Decimal(i), added=i) for i in range(1, n + 1)]


def test_page_count():
    assert page_count(25, 10) == 3
    assert page_count(0, 10) == 1


def test_first_page():
    page = Listing(products(25), per_page=10).page(1)
    assert [p.sku for p in page.items] == [f"P{i:02d}" for i in range(1, 11)]
    assert page.has_next and not page.has_previous


def test_last_page_is_partial():
    page = Listing(products(25), per_page=10).page(3)
    assert [p.sku for p in page.items] == ["P21", "P22", "P23", "P24", "P25"]
    assert not page.has_next
