from decimal import Decimal

import pytest

from csvreport.parsing import parse_amount


def test_formats():
    assert parse_amount("1,234.50") == Decimal("1234.50")
    assert parse_amount("(12.00)") == Decimal("-12.00")
    assert parse_amount("$ 7") == Decimal("7")


def test_blank_is_an_error():
    with pytest.raises(ValueError):
        parse_amount("  ")
