import datetime as dt
from decimal import Decimal

from sales.models import SalesRow


def test_from_dict():
    row = SalesRow.from_dict(
        {"date": "2024-02-03", "region": "north", "product": "Tea", "quantity": "3", "unit_price": "2.50"}
    )
    assert row == SalesRow(dt.date(2024, 2, 3), "NORTH", "Tea", 3, Decimal("2.50"))
    assert row.revenue == Decimal("7.50")
