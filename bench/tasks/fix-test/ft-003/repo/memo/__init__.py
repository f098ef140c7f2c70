"""In-process caching: an LRU cache with expiry and a decorator on top of it."""

from .cache import LRUCache
from .decorators import cached

__all__ = ["LRUCache", "cached"]
