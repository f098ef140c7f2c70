import datetime as dt

from greenhouse.readings import Reading
from greenhouse.summary import daily_range, daily_stats, report, warmest_sensor

T = dt.datetime(2024, 7, 1, 8, 0)


def r(sensor, hours, value, unit):
    return Reading(sensor, T + dt.timedelta(hours=hours), value, unit)


def test_kelvin_and_fahrenheit_converted():
    readings = [
        r("lab", 0, 293.15, "K"),
        r("lab", 4, 303.15, "K"),
        r("old", 0, 50.0, "F"),
        r("old", 4, 68.0, "F"),
        r("old", 8, 86.0, "F"),
    ]
    stats = {s.sensor: s for s in daily_stats(readings)}
    assert (stats["lab"].low, stats["lab"].high, stats["lab"].mean) == (20.0, 30.0, 25.0)
    assert (stats["old"].low, stats["old"].high, stats["old"].mean) == (10.0, 30.0, 20.0)


def test_lowercase_units_and_split_days():
    readings = [r("gh3", 0, 59.0, "f"), r("gh3", 20, 95.0, "f")]
    stats = daily_stats(readings)
    assert [(s.day.day, s.low, s.high, s.count) for s in stats] == [(1, 15.0, 15.0, 1), (2, 35.0, 35.0, 1)]


def test_warmest_and_range_use_celsius():
    readings = [r("a", 0, 20.0, "C"), r("a", 6, 24.0, "C"), r("b", 0, 68.0, "F"), r("b", 6, 71.6, "F")]
    stats = daily_stats(readings)
    assert warmest_sensor(stats) == "a"
    assert daily_range(stats) == {"a": 4.0, "b": 2.0}


def test_report_mentions_celsius_figures():
    text = report([r("old", 0, 50.0, "F"), r("old", 4, 104.0, "F")])
    assert "low 10.0 °C" in text and "high 40.0 °C" in text
    assert "heat 40.0 °C" in text
