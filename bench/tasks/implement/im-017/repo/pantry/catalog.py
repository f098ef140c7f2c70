"""The catalog of products the food bank stocks."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Product:
    sku: str
    name: str
    unit: str = "pcs"
    perishable: bool = True
    min_stock: int = 0


class Catalog:
    def __init__(self, products: list[Product] | None = None) -> None:
        self._products = {p.sku: p for p in products or []}

    def add(self, product: Product) -> None:
        self._products[product.sku] = product

    def get(self, sku: str) -> Product:
        try:
            return self._products[sku]
        except KeyError:
            raise KeyError(f"unknown sku {sku!r}") from None

    def __contains__(self, sku: str) -> bool:
        return sku in self._products

    def skus(self) -> list[str]:
        return sorted(self._products)
