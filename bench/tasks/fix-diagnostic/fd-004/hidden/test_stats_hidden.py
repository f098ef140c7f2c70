import datetime as dt

from weather.readings import parse_readings
from weather.stats import daily_summary, format_summary, frost_days, rainiest_day, station_totals

DATA = """
north,2024-03-01T06:00,23.0,0.10,5
north,2024-03-01T14:00,50.0,0.00,20
south,2024-03-01T10:00,41.0,0.30,10
north,2024-03-02T06:00,35.6,0.50,25
north,2024-03-02T15:00,59.0,0.20,12.5
"""


def test_daily_summary_in_celsius():
    first, second = daily_summary(parse_readings(DATA))
    assert first.day == dt.date(2024, 3, 1)
    assert (first.min_c, first.max_c, first.mean_c) == (-5.0, 10.0, 3.3)
    assert first.rain_mm == 10.2
    assert first.max_wind_kmh == 32.2
    assert first.count == 3
    assert (second.min_c, second.max_c, second.mean_c) == (2.0, 15.0, 8.5)
    assert second.rain_mm == 17.8


def test_rainiest_day_and_format():
    rows = parse_readings(DATA)
    assert rainiest_day(rows) == dt.date(2024, 3, 2)
    assert rainiest_day([]) is None
    assert format_summary(daily_summary(rows)[0]) == "2024-03-01  -5.0..10.0 °C  rain 10.2 mm  wind 32.2 km/h"


def test_other_helpers():
    rows = parse_readings(DATA)
    assert station_totals(rows) == {"north": 20.3, "south": 7.6}
    assert frost_days(rows) == [dt.date(2024, 3, 1)]
