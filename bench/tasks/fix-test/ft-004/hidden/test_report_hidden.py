from decimal import Decimal

from salesreport.report import read_sales, store_share, summary_text, totals_by_region, totals_by_store, write_summary

EXPORT = """date,store,region,sku,qty,unit_price
2024-05-10,Cork-1,West,SOAP,4,2.50
2024-05-10,Cork-2,West,SOAP,2,2.50
2024-05-11,Derry-1,North,CANDLE,1,12.00
2024-05-11,Cork-1,West,CANDLE,1,12.00
"""


def test_totals_by_store_keys_are_stores():
    rows = read_sales(EXPORT)
    assert totals_by_store(rows) == {
        "Cork-1": Decimal("22.00"),
        "Cork-2": Decimal("5.00"),
        "Derry-1": Decimal("12.00"),
    }


def test_regions_unchanged():
    rows = read_sales(EXPORT)
    assert totals_by_region(rows) == {"North": Decimal("12.00"), "West": Decimal("27.00")}


def test_store_share_percentages():
    rows = read_sales(EXPORT)
    assert store_share(rows) == {
        "Cork-1": Decimal("56.4"),
        "Cork-2": Decimal("12.8"),
        "Derry-1": Decimal("30.8"),
    }


def test_summary_lists_each_store():
    text = summary_text(read_sales(EXPORT))
    assert "Cork-2" in text and "Derry-1" in text


def test_write_summary_by_store():
    csv_text = write_summary(totals_by_store(read_sales(EXPORT)), "store")
    assert csv_text.splitlines() == ["store,revenue", "Cork-1,22.00", "Cork-2,5.00", "Derry-1,12.00"]
