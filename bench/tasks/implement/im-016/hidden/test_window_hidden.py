import math

import pytest

from sensors.alerts import OverheatMonitor
from sensors.window import RollingWindow


def test_mean_grows_then_slides():
    w = RollingWindow(3)
    assert w.push(3) == pytest.approx(3)
    assert w.push(6) == pytest.approx(4.5)
    assert w.push(9) == pytest.approx(6)
    assert w.push(12) == pytest.approx(9)
    assert w.values() == [6, 9, 12]
    assert len(w) == 3


def test_nan_ignored():
    w = RollingWindow(2)
    assert w.push(math.nan) is None
    assert len(w) == 0
    w.push(1)
    assert w.push(float("nan")) == pytest.approx(1)
    assert w.values() == [1]


def test_window_of_one():
    w = RollingWindow(1)
    w.push(5)
    assert w.push(7) == pytest.approx(7)


def test_monitor():
    m = OverheatMonitor(limit=30, window=2)
    for r in [20, 40, 41, 10, 10, 50, 50]:
        m.feed(r)
    assert m.alerts == [3, 7]
