import pytest

from humanize.durations import format_clock, format_duration, parse_duration, relative


def test_format_duration():
    assert format_duration(3723) == "1 hour, 2 minutes"
    assert format_duration(3723, max_units=3) == "1 hour, 2 minutes, 3 seconds"
    assert format_duration(0.4) == "0 seconds"


def test_parse_duration():
    assert parse_duration("1h30m") == 5400
    assert parse_duration("01:30:00") == 5400
    with pytest.raises(ValueError):
        parse_duration("soon")


def test_relative_and_clock():
    assert relative(-120) == "2 minutes ago"
    assert format_clock(3723) == "1:02:03"
