from limiter.bucket import TokenBucket
from limiter.config import parse_rate


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_bucket_refills():
    clock = Clock()
    bucket = TokenBucket(2, clock=clock)
    assert bucket.try_acquire() and bucket.try_acquire()
    assert not bucket.try_acquire()
    clock.now = 0.5
    assert bucket.try_acquire()


def test_parse_rate():
    assert parse_rate("300/m") == (300.0, 60.0)
    assert parse_rate("5/30s") == (5.0, 30.0)
