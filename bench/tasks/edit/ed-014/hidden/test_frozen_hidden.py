import dataclasses
import datetime as dt

import pytest

from sensors.readings import Reading, ReadingLog, parse_reading
from sensors.thermostat import Thermostat, calibrate

T0 = dt.datetime(2024, 1, 5, 8, 0)
T1 = dt.datetime(2024, 1, 5, 9, 0)


def test_reading_is_frozen_and_hashable():
    reading = Reading(T0, "kitchen", 20.0)
    with pytest.raises(dataclasses.FrozenInstanceError):
        reading.celsius = 21.0
    assert len({reading, Reading(T0, "kitchen", 20.0), Reading(T1, "kitchen", 20.0)}) == 2


def test_readings_sort_by_time_then_sensor():
    readings = [Reading(T1, "a", 1.0), Reading(T0, "b", 5.0), Reading(T0, "a", 9.0)]
    assert sorted(readings) == [Reading(T0, "a", 9.0), Reading(T0, "b", 5.0), Reading(T1, "a", 1.0)]
    assert Reading(T0, "a", 1.0) < Reading(T0, "a", 2.0)


def test_log_add_still_rounds():
    log = ReadingLog()
    stored = log.add(Reading(T1, "hall", 19.4567))
    assert stored.celsius == 19.46
    log.add(parse_reading("hall,2024-01-05T08:00:00,68F"))
    assert [r.celsius for r in log.series("hall")] == [20.0, 19.46]
    assert log.average("hall") == 19.73
    assert log.add_lines(["a,2024-01-05T08:00:00,293.15K"]) == 1
    assert log.latest("a").celsius == 20.0


def test_calibrate_returns_new_readings():
    original = [Reading(T0, "a", 19.5), Reading(T1, "a", 20.25)]
    shifted = calibrate(original, 0.5)
    assert [r.celsius for r in shifted] == [20.0, 20.75]
    assert [r.celsius for r in original] == [19.5, 20.25]
    assert [r.taken_at for r in shifted] == [T0, T1]


def test_thermostat_observe_applies_offset():
    thermostat = Thermostat(target=20.0, offsets={"attic": -1.5})
    seen = thermostat.observe(Reading(T0, "attic", 21.0))
    assert seen == Reading(T0, "attic", 19.5)
    thermostat.observe(Reading(T0, "hall", 18.7))
    assert thermostat.room_temperature() == 19.1
    assert thermostat.update() is True
    thermostat.observe(Reading(T1, "hall", 21.9))
    assert thermostat.room_temperature() == 20.7
    assert thermostat.update() is False
