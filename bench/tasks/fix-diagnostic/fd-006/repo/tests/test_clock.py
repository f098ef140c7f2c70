import pytest

from taskq.backoff import exponential
from taskq.clock import ManualClock


def test_manual_clock():
    clock = ManualClock(5)
    assert clock.advance(2.5) == 7.5
    with pytest.raises(ValueError):
        clock.advance(-1)


def test_backoff():
    assert [exponential(n) for n in (1, 2, 3)] == [1.0, 2.0, 4.0]
    assert exponential(20) == 300.0
