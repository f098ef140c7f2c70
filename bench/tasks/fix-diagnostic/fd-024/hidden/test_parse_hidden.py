import pytest

from timespan.parse import clamp, format_ms, parse_ms, parse_seconds, split_evenly


def test_parse_ms_units():
    assert parse_ms("250ms") == 250
    assert parse_ms("1h30min") == 5_400_000
    assert parse_ms("2 days, 3h") == 2 * 86_400_000 + 3 * 3_600_000
    assert parse_ms("1.5s 20msec") == 1520
    assert parse_ms("0.0004s") == 0
    assert parse_ms("90") == 90_000
    assert parse_seconds("1min 500ms") == 60.5


def test_parse_errors():
    for bad in ("", "abc", "5 parsecs", "1h and 2min", "3h x", "1.5ms", "2s 0.4ms"):
        with pytest.raises(ValueError):
            parse_ms(bad)


def test_format_and_helpers():
    assert format_ms(5_400_000) == "1h 30min"
    assert format_ms(90_061_001, parts=4) == "1d 1h 1min 1s"
    assert format_ms(250) == "250ms"
    assert format_ms(0) == "0ms"
    assert format_ms(-1500, largest="s") == "-1s 500ms"
    assert clamp("10ms", "1s", "1min") == 1000
    assert split_evenly("10ms", 3) == [4, 3, 3]
