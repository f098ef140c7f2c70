from throttle.clock import ManualClock
from throttle.window import LimiterGroup, SlidingWindowLimiter


def test_refuses_over_limit():
    clock = ManualClock()
    lim = SlidingWindowLimiter(2, 10, clock)
    assert lim.allow("a") and lim.allow("a")
    assert not lim.allow("a")
    assert lim.allow("b")


def test_request_expires_exactly_after_window():
    clock = ManualClock()
    lim = SlidingWindowLimiter(1, 10, clock)
    assert lim.allow("a")
    clock.advance(10)
    assert lim.allow("a")


def test_group_applies_every_limit():
    clock = ManualClock()
    group = LimiterGroup(SlidingWindowLimiter(2, 1, clock), SlidingWindowLimiter(3, 60, clock))
    assert group.allow("a") and group.allow("a")
    assert not group.allow("a")
    clock.advance(1.5)
    assert group.allow("a")
    clock.advance(1.5)
    assert not group.allow("a")
