import datetime as dt

from sensors.readings import ReadingLog, parse_reading


def test_parse_fahrenheit():
    reading = parse_reading("kitchen,2024-01-05T08:00:00,68F")
    assert reading.sensor_id == "kitchen"
    assert round(reading.celsius, 2) == 20.0


def test_log_average():
    log = ReadingLog()
    log.add_lines(["a,2024-01-05T08:00:00,20", "a,2024-01-05T09:00:00,22", "# comment"])
    assert log.average("a") == 21.0
    assert log.latest("a").taken_at == dt.datetime(2024, 1, 5, 9)
