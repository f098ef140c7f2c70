import pytest

from booking.slots import format_time, parse_slot, parse_time


def test_parse_time_forms():
    assert parse_time("9:30") == 570
    assert parse_time("0930") == 570
    assert parse_time("12am") == 0
    assert parse_time("9pm") == 21 * 60


def test_parse_slot():
    assert parse_slot("09:00-10:30") == (540, 630)
    with pytest.raises(ValueError):
        parse_slot("10:00-09:00")


def test_format_time():
    assert format_time(65) == "01:05"
