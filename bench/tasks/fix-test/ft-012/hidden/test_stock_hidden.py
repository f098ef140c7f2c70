import datetime as dt
from decimal import Decimal

from warehouse.items import Item
from warehouse.stock import Warehouse

DAY = dt.date(2024, 10, 7)


def build():
    wh = Warehouse("South")
    # reorder point 3 x (4 + 2) = 18
    wh.add_item(Item("BOX-S", "Small box", Decimal("0.40"), 3, 4, 2, case_size=25), 50, DAY)
    # reorder point ceil(1.5 x (6 + 3)) = 14
    wh.add_item(Item("LBL", "Labels", Decimal("2.00"), 1.5, 6, case_size=5), 40, DAY)
    return wh


def test_at_reorder_point_needs_reorder():
    wh = build()
    wh.ship(DAY, "BOX-S", 32)  # 18 left
    assert wh.needs_reorder("BOX-S")
    wh.receive(DAY, "BOX-S", 1)  # 19 left
    assert not wh.needs_reorder("BOX-S")


def test_safety_days_default_used():
    wh = build()
    wh.ship(DAY, "LBL", 26)  # 14 left, lead-time usage alone would be 9
    assert wh.needs_reorder("LBL")
    wh.adjust(DAY, "LBL", 15)
    assert not wh.needs_reorder("LBL")


def test_reorder_list_quantities_and_cost():
    wh = build()
    wh.ship(DAY, "BOX-S", 35)  # 15 left
    wh.ship(DAY, "LBL", 27)  # 13 left
    lines = wh.reorder_list()
    assert [(line.sku, line.on_hand, line.reorder_point, line.quantity) for line in lines] == [
        ("BOX-S", 15, 18, 50),
        ("LBL", 13, 14, 25),
    ]
    assert wh.reorder_cost() == Decimal("70.00")


def test_nothing_to_reorder_when_well_stocked():
    wh = build()
    assert wh.reorder_list() == []
    assert "*" not in wh.report()


def test_report_flags_items():
    wh = build()
    wh.ship(DAY, "BOX-S", 31)  # 19 left: not flagged
    wh.ship(DAY, "LBL", 25)  # 15 left: not flagged
    assert "*" not in wh.report()
    wh.ship(DAY, "LBL", 1)
    flagged = [row for row in wh.report().splitlines() if row.endswith("*")]
    assert len(flagged) == 1 and flagged[0].startswith("LBL")
