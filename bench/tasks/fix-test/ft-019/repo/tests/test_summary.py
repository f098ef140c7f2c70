from greenhouse.readings import parse_csv
from greenhouse.summary import alerts, daily_stats

DATA = """sensor,time,value,unit
gh1,2024-04-02T06:00,4.0,C
gh1,2024-04-02T14:00,22.0,C
gh2,2024-04-02T06:00,41.0,F
gh2,2024-04-02T14:00,77.0,F
"""


def test_celsius_sensor_stats():
    stats = daily_stats(parse_csv(DATA))
    gh1 = stats[0]
    assert (gh1.sensor, gh1.low, gh1.high, gh1.mean, gh1.count) == ("gh1", 4.0, 22.0, 13.0, 2)


def test_fahrenheit_sensor_stats_in_celsius():
    stats = daily_stats(parse_csv(DATA))
    gh2 = stats[1]
    assert (gh2.sensor, gh2.low, gh2.high, gh2.mean) == ("gh2", 5.0, 25.0, 15.0)


def test_frost_alert():
    found = alerts(parse_csv(DATA), frost_below=4.5)
    assert [(a.sensor, a.kind) for a in found] == [("gh1", "frost")]
