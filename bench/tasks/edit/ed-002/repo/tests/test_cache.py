from dnslite.cache import TTLCache


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_entries_expire():
    clock = FakeClock()
    cache = TTLCache(default_ttl=10, clock=clock)
    cache.set("a", 1)
    assert "a" in cache
    clock.now = 10
    assert "a" not in cache


def test_lru_eviction():
    cache = TTLCache(max_entries=2)
    cache.set("a", 1)
    cache.set("b", 2)
    cache.set("c", 3)
    assert "a" not in cache and len(cache) == 2
