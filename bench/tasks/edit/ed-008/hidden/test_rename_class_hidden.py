import datetime as dt
import io
from decimal import Decimal

import pytest

import sales.models as models
import sales.reader as reader
import sales.summary as summary

CSV = """date,region,product,quantity,unit_price,unit_cost
2024-01-05,north,Tea,3,2.50,1.00
2024-01-20,south,Coffee,2,4.00,2.50
2024-02-02,north,Coffee,1,4.00,2.50
2024-02-03,south,Tea,x,2.50,1.00
2024-02-09,south,Tea,5,2.50,1.00
"""


def test_class_is_renamed():
    assert hasattr(models, "SaleRecord")
    for module in (models, reader, summary):
        assert not hasattr(module, "SalesRow"), module.__name__
    record = models.SaleRecord(dt.date(2024, 1, 1), "EAST", "Tea", 2, Decimal("1.25"))
    assert record.revenue == Decimal("2.50")
    assert type(record).__name__ == "SaleRecord"


def test_batch_accepts_records_only():
    batch = models.SalesBatch()
    batch.add(models.SaleRecord(dt.date(2024, 1, 1), "EAST", "Tea", 2, Decimal("1.25")))
    assert len(batch) == 1
    with pytest.raises(TypeError):
        batch.add(("not", "a", "record"))


def test_reader_and_summary():
    batch = reader.read_sales(io.StringIO(CSV))
    assert len(batch) == 4
    assert all(isinstance(row, models.SaleRecord) for row in batch.rows)
    assert [lineno for lineno, _ in batch.rejected] == [5]
    assert summary.revenue_by_region(batch.rows) == {"NORTH": Decimal("11.50"), "SOUTH": Decimal("20.50")}
    assert summary.revenue_by_month(batch.rows) == {"2024-01": Decimal("15.50"), "2024-02": Decimal("16.50")}
    assert summary.top_products(batch.rows, 1) == [("Tea", 8)]
    assert summary.margin_rate(batch.rows) == Decimal("0.5156")
