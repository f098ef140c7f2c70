"""`@cached`: memoise a function's results in an LRUCache."""

from __future__ import annotations

import functools
from typing import Any, Callable

from .cache import LRUCache


def cached(capacity: int = 128, ttl: float | None = None) -> Callable:
    """Cache results by positional and keyword arguments (which must be hashable)."""

    def wrap(func: Callable) -> Callable:
        cache = LRUCache(capacity, default_ttl=ttl)

        @functools.wraps(func)
        def inner(*args: Any, **kwargs: Any) -> Any:
            key = (args, tuple(sorted(kwargs.items())))
            return cache.get_or_compute(key, lambda: func(*args, **kwargs))

        inner.cache = cache  # type: ignore[attr-defined]
        return inner

    return wrap
