import pytest

from splitbill.money import format_cents, split_cents, to_cents


def test_round_trip():
    assert format_cents(to_cents("12.5")) == "12.50"
    assert format_cents(-7) == "-0.07"


def test_split():
    assert split_cents(1000, 3) == [334, 333, 333]
    with pytest.raises(ValueError):
        split_cents(5, 0)
