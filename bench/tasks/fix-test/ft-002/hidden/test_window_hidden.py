from throttle.clock import ManualClock
from throttle.window import SlidingWindowLimiter


def test_request_counts_until_window_end():
    clock = ManualClock(100.0)
    lim = SlidingWindowLimiter(2, 5, clock)
    assert lim.allow("x") and lim.allow("x")
    clock.advance(4.75)
    assert not lim.allow("x")
    clock.advance(0.25)
    assert lim.remaining("x") == 2
    assert lim.allow("x")
    assert lim.remaining("x") == 1


def test_retry_after_reaches_zero_at_window_end():
    clock = ManualClock()
    lim = SlidingWindowLimiter(1, 30, clock)
    lim.allow("c")
    clock.advance(12)
    assert lim.retry_after("c") == 18
    clock.advance(18)
    assert lim.retry_after("c") == 0.0


def test_clients_drops_expired_ones():
    clock = ManualClock()
    lim = SlidingWindowLimiter(3, 10, clock)
    lim.allow("a")
    clock.advance(5)
    lim.allow("b")
    clock.advance(5)
    assert lim.clients() == ["b"]


def test_refused_requests_are_not_recorded():
    clock = ManualClock()
    lim = SlidingWindowLimiter(1, 10, clock)
    assert lim.allow("a")
    clock.advance(9)
    assert not lim.allow("a")
    clock.advance(1)
    assert lim.allow("a")
