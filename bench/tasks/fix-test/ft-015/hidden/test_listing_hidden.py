from decimal import Decimal

from catalog.listing import Listing, Product


def products(n):
    return [
        Product(f"S{i:03d}", f"Sock {i:03d}", Decimal(100 - i), added=i, in_stock=i % 4 != 0)
        for i in range(1, n + 1)
    ]


def skus(page):
    return [p.sku for p in page.items]


def test_middle_page():
    page = Listing(products(20), per_page=6).page(2)
    assert skus(page) == ["S007", "S008", "S009", "S010", "S011", "S012"]
    assert page.number == 2 and page.pages == 4 and page.total == 20
    assert page.has_previous and page.has_next


def test_out_of_range_pages_are_clamped():
    listing = Listing(products(7), per_page=5)
    assert skus(listing.page(0)) == ["S001", "S002", "S003", "S004", "S005"]
    assert skus(listing.page(99)) == ["S006", "S007"]
    assert listing.page(99).number == 2


def test_paging_after_filter_and_sort():
    listing = Listing(products(12), per_page=4).in_stock_only().sorted_by("price")
    assert skus(listing.page(1)) == ["S011", "S010", "S009", "S007"]
    assert skus(listing.page(2)) == ["S006", "S005", "S003", "S002"]
    assert skus(listing.page(3)) == ["S001"]


def test_empty_listing_has_one_empty_page():
    page = Listing([], per_page=10).page(1)
    assert page.items == [] and page.pages == 1
    assert not page.has_next and not page.has_previous
