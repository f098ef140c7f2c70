import pytest

from stockroom.errors import UnknownSku
from stockroom.stock import Stock


def test_receive_and_reserve():
    stock = Stock()
    stock.add_item("tea-0001", "Green tea", reorder_level=2)
    assert stock.receive("TEA-0001", 5) == 5
    assert stock.reserve("TEA-0001", 2) == 3
    assert stock.item("TEA-0001").on_hand == 5


def test_unknown_sku():
    with pytest.raises(UnknownSku):
        Stock().item("TEA-0009")
