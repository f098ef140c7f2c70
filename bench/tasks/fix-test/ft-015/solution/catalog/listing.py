"""A product listing: the products of one category, filtered, sorted and paged."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .pagination import Page, page_bounds, page_count

SORTS = {
    "name": lambda p: p.name.lower(),
    "price": lambda p: (p.price, p.name.lower()),
    "newest": lambda p: (-p.added, p.name.lower()),
}


@dataclass(frozen=True)
class Product:
    sku: str
    name: str
    price: Decimal
    added: int  # day number the product was listed
    in_stock: bool = True


class Listing:
    def __init__(self, products: list[Product], per_page: int = 12) -> None:
        self.products = list(products)
        self.per_page = per_page
        self.sort_key = "name"
        self.only_in_stock = False
        self.max_price: Decimal | None = None

    def sorted_by(self, key: str) -> "Listing":
        if key not in SORTS:
            raise ValueError(f"unknown sort {key!r}; use one of {sorted(SORTS)}")
        self.sort_key = key
        return self

    def in_stock_only(self, flag: bool = True) -> "Listing":
        self.only_in_stock = flag
        return self

    def cheaper_than(self, limit: Decimal | None) -> "Listing":
        self.max_price = limit
        return self

    def visible(self) -> list[Product]:
        """The products that pass the filters, in the chosen order."""
        items = [p for p in self.products if p.in_stock or not self.only_in_stock]
        if self.max_price is not None:
            items = [p for p in items if p.price <= self.max_price]
        return sorted(items, key=SORTS[self.sort_key])

    def page(self, number: int) -> Page[Product]:
        """Page `number` (1-based, straight from ?page=); past the last page gives the last page."""
        items = self.visible()
        pages = page_count(len(items), self.per_page)
        number = min(max(number, 1), pages)
        start, stop = page_bounds(number, self.per_page)
        return Page(items[start:stop], number, pages, len(items))
