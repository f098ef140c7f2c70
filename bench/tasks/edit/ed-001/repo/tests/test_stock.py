import pytest

from inventory.stock import StockBook, StockError, StockItem, calc_reorder_qty


def test_reorder_quantity_rounds_up_to_packs():
    item = StockItem("A1", "Bolts", on_hand=10, reorder_point=20, daily_usage=2, lead_time_days=5, pack_size=12)
    # wants 2 * 35 = 70, short by 60 -> 5 packs of 12
    assert calc_reorder_qty(item) == 60


def test_issue_more_than_on_hand_fails():
    book = StockBook()
    book.add(StockItem("A1", "Bolts", on_hand=3))
    with pytest.raises(StockError):
        book.issue("A1", 4)
