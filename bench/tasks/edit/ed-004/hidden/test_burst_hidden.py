import pytest

from limiter.bucket import KeyedLimiter, TokenBucket
from limiter.config import RouteLimit
from limiter.middleware import RateLimitMiddleware, from_settings


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def drain(acquire):
    count = 0
    while acquire() and count < 1000:
        count += 1
    return count


def test_burst_sets_capacity():
    clock = Clock()
    bucket = TokenBucket(5, clock=clock, burst=10)
    assert bucket.capacity == 10
    assert drain(bucket.try_acquire) == 10
    clock.now = 1.0
    assert drain(bucket.try_acquire) == 5
    clock.now = 100.0
    assert bucket.available() == 10


def test_default_capacity_is_rate():
    clock = Clock()
    bucket = TokenBucket(3, per=60, clock=clock)
    assert bucket.capacity == 3
    assert drain(bucket.try_acquire) == 3
    bucket = TokenBucket(3, per=60, clock=clock, burst=None)
    assert bucket.capacity == 3


def test_keyed_limiter_passes_burst():
    clock = Clock()
    limiter = KeyedLimiter(2, clock=clock, burst=4)
    assert drain(lambda: limiter.allow("a")) == 4
    assert drain(lambda: limiter.allow("b")) == 4
    assert KeyedLimiter(2, clock=clock).bucket("x").capacity == 2


def app(request):
    return 200, {}, "ok"


def statuses(middleware, n, path="/api/items", client="10.0.0.1"):
    return [middleware({"path": path, "client": client})[0] for _ in range(n)]


def test_middleware_uses_configured_burst():
    clock = Clock()
    limits = [RouteLimit("/api", 1, 1.0, burst=3), RouteLimit("/login", 1, 60.0)]
    middleware = RateLimitMiddleware(app, limits, clock=clock)
    assert statuses(middleware, 5) == [200, 200, 200, 429, 429]
    assert statuses(middleware, 2, path="/login") == [200, 429]


def test_from_settings_uses_burst():
    clock = Clock()
    settings = {"routes": [{"prefix": "/", "rate": "2/s", "burst": 6}, {"prefix": "/static", "rate": "100/s"}]}
    middleware = from_settings(app, settings, clock=clock)
    assert statuses(middleware, 7, path="/home") == [200] * 6 + [429]
    status, headers, _ = middleware({"path": "/home", "client": "10.0.0.1"})
    assert status == 429 and headers["Retry-After"] == "1"
    clock.now = 10
    assert statuses(middleware, 7, path="/home") == [200] * 6 + [429]
