import datetime as dt
from decimal import Decimal

from salesreport.report import daily_revenue, read_sales, top_skus, totals_by_region, totals_by_store

EXPORT = """date,store,region,sku,qty,unit_price
2024-03-01,Leeds-1,North,TEA-200,3,4.50
2024-03-01,York-2,North,mug-1,2,6.00
2024-03-02,Bath-1,South,TEA-200,1,4.50
2024-03-02,Leeds-1,North,MUG-1,-1,6.00
"""


def test_read_sales_parses_types():
    rows = read_sales(EXPORT)
    assert rows[1]["sku"] == "MUG-1"
    assert rows[0]["qty"] == 3


def test_totals_by_store():
    rows = read_sales(EXPORT)
    assert totals_by_store(rows) == {
        "Bath-1": Decimal("4.50"),
        "Leeds-1": Decimal("7.50"),
        "York-2": Decimal("12.00"),
    }


def test_totals_by_region():
    rows = read_sales(EXPORT)
    assert totals_by_region(rows) == {"North": Decimal("19.50"), "South": Decimal("4.50")}


def test_daily_revenue_and_top_skus():
    rows = read_sales(EXPORT)
    assert daily_revenue(rows)[dt.date(2024, 3, 1)] == Decimal("25.50")
    assert top_skus(rows, 1) == [("TEA-200", 4)]
