"""Errors raised by the stockroom."""


class StockError(Exception):
    """Base class of all stockroom errors."""


class UnknownSku(StockError):
    """The SKU was never added to the stock."""

    def __init__(self, sku: str) -> None:
        super().__init__(f"unknown SKU {sku!r}")
        self.sku = sku


class NotEnoughStock(StockError):
    """A removal or reservation asked for more than is on hand."""

    def __init__(self, sku: str, wanted: int, available: int) -> None:
        super().__init__(f"{sku}: wanted {wanted}, only {available} available")
        self.sku = sku
        self.wanted = wanted
        self.available = available
