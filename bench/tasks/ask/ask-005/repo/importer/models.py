"""The product record the shop stores."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Product:
    sku: str
    name: str
    price: Decimal
    stock: int
    supplier: str = ""

    def with_markup(self, percent: int) -> Product:
        new_price = (self.price * (100 + percent) / 100).quantize(Decimal("0.01"))
        return Product(self.sku, self.name, new_price, self.stock, self.supplier)
