import datetime as dt

from weather.readings import parse_readings


def test_parse_skips_comments():
    rows = parse_readings("# header\nA,2024-03-01T06:00,30.2,0.1,5\n\n")
    assert len(rows) == 1
    assert rows[0].at == dt.datetime(2024, 3, 1, 6, 0)
    assert rows[0].temp_f == 30.2
