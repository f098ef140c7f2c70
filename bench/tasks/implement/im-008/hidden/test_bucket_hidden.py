import pytest

from ratelimit.bucket import TokenBucket
from ratelimit.limiter import RateLimiter


def test_takes_until_empty():
    b = TokenBucket(capacity=3, rate=1, now=0)
    assert [b.try_acquire(0) for _ in range(4)] == [True, True, True, False]


def test_refills_over_time_capped():
    b = TokenBucket(capacity=2, rate=0.5, now=0)
    assert b.try_acquire(0, 2)
    assert not b.try_acquire(1)  # only 0.5 token
    assert b.try_acquire(2)  # 1.0 token now
    assert b.try_acquire(100, 2)  # capped at 2
    assert not b.try_acquire(100, 0.5)


def test_failure_takes_nothing():
    b = TokenBucket(capacity=5, rate=0, now=0)
    assert b.try_acquire(0, 3)
    assert not b.try_acquire(0, 3)
    assert b.tokens == pytest.approx(2)
    assert b.try_acquire(0, 2)


def test_more_than_capacity_raises():
    b = TokenBucket(capacity=2, rate=1)
    with pytest.raises(ValueError):
        b.try_acquire(0, 3)


def test_clock_backwards_adds_nothing():
    b = TokenBucket(capacity=1, rate=1, now=10)
    assert b.try_acquire(10)
    assert not b.try_acquire(5)
    assert not b.try_acquire(10.5)
    assert b.try_acquire(11)


def test_limiter():
    lim = RateLimiter(capacity=1, rate=1)
    assert lim.allow("a", 0) and not lim.allow("a", 0) and lim.allow("b", 0)
    assert lim.rejected == {"a": 1}
