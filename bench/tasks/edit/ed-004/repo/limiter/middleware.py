"""Wrap a request handler so each client is limited per route prefix."""

from __future__ import annotations

import time
from collections.abc import Callable

from .bucket import Clock, KeyedLimiter
from .config import RouteLimit, load_limits

Request = dict
Response = tuple[int, dict[str, str], str]
Handler = Callable[[Request], Response]


def client_key(request: Request) -> str:
    """The client address, preferring the first X-Forwarded-For hop."""
    forwarded = request.get("headers", {}).get("X-Forwarded-For", "")
    if forwarded:
        return forwarded.split(",")[0].strip()
    return request.get("client", "unknown")


class RateLimitMiddleware:
    def __init__(self, app: Handler, limits: list[RouteLimit], clock: Clock = time.monotonic) -> None:
        self.app = app
        ordered = sorted(limits, key=lambda limit: len(limit.prefix), reverse=True)
        self.rules = [(limit.prefix, KeyedLimiter(limit.rate, limit.per, clock=clock)) for limit in ordered]

    def limiter_for(self, path: str) -> KeyedLimiter | None:
        """The limiter of the longest prefix matching `path`."""
        for prefix, limiter in self.rules:
            if path.startswith(prefix):
                return limiter
        return None

    def __call__(self, request: Request) -> Response:
        limiter = self.limiter_for(request.get("path", "/"))
        if limiter is None:
            return self.app(request)
        key = client_key(request)
        if limiter.allow(key):
            return self.app(request)
        wait = limiter.retry_after(key)
        return 429, {"Retry-After": str(wait)}, "Too Many Requests"


def from_settings(app: Handler, settings: dict, clock: Clock = time.monotonic) -> RateLimitMiddleware:
    return RateLimitMiddleware(app, load_limits(settings), clock=clock)
