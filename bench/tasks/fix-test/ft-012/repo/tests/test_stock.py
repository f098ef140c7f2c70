import datetime as dt
from decimal import Decimal

import pytest

from warehouse.items import Item
from warehouse.stock import StockError, Warehouse

DAY = dt.date(2024, 9, 2)


def make_warehouse():
    wh = Warehouse("North")
    # reorder point: 4/day x (5 lead + 3 safety) = 32
    wh.add_item(Item("GLV-M", "Nitrile gloves M", Decimal("6.50"), 4, 5, 3, case_size=10), 60, DAY)
    # reorder point: 2/day x (10 lead + 3 safety) = 26
    wh.add_item(Item("TAPE-48", "Packing tape", Decimal("1.20"), 2, 10, 3, case_size=36), 100, DAY)
    return wh


def test_ship_and_receive():
    wh = make_warehouse()
    wh.ship(DAY, "GLV-M", 15)
    wh.receive(DAY, "GLV-M", 5)
    assert wh.on_hand("GLV-M") == 50


def test_cannot_ship_more_than_on_hand():
    wh = make_warehouse()
    with pytest.raises(StockError):
        wh.ship(DAY, "GLV-M", 61)


def test_reorder_list_includes_safety_stock():
    wh = make_warehouse()
    wh.ship(DAY, "GLV-M", 30)  # 30 left: above 4 x 5 = 20, but below the reorder point 32
    lines = wh.reorder_list()
    assert [line.sku for line in lines] == ["GLV-M"]
    assert lines[0].quantity == 60


def test_level_on_rebuilds_history():
    wh = make_warehouse()
    wh.ship(DAY + dt.timedelta(days=1), "TAPE-48", 40)
    assert wh.level_on("TAPE-48", DAY) == 100
    assert wh.level_on("TAPE-48", DAY + dt.timedelta(days=1)) == 60
