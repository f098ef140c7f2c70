import pytest

from stockroom.errors import NotEnoughStock
from stockroom.stock import Stock


def make_stock():
    stock = Stock()
    stock.add_item("TEA-0001", "Green tea", reorder_level=3)
    stock.add_item("CUP-0002", "Mug", reorder_level=1)
    stock.receive("TEA-0001", 10)
    stock.receive("CUP-0002", 4)
    return stock


def test_remove_takes_units_off_the_shelf():
    stock = make_stock()
    assert stock.remove("tea-0001", 4) == 6
    assert stock.item("TEA-0001").on_hand == 6


def test_remove_cannot_touch_reserved_units():
    stock = make_stock()
    stock.reserve("TEA-0001", 7)
    with pytest.raises(NotEnoughStock) as info:
        stock.remove("TEA-0001", 4)
    assert info.value.available == 3
    assert stock.remove("TEA-0001", 3) == 7


def test_remove_rejects_non_positive():
    with pytest.raises(ValueError):
        make_stock().remove("TEA-0001", 0)


def test_ship_and_low_stock():
    stock = make_stock()
    stock.reserve("CUP-0002", 3)
    assert stock.low_stock() == ["CUP-0002"]
    assert stock.ship("CUP-0002", 3) == 1
    stock.remove("TEA-0001", 7)
    assert stock.low_stock() == ["CUP-0002", "TEA-0001"]
    assert stock.by_category() == {"CUP": 1, "TEA": 3}
