from memo import LRUCache, cached


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_evicts_least_recently_written():
    cache = LRUCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.put("c", 3)
    assert "a" not in cache
    assert cache.keys() == ["b", "c"]


def test_get_refreshes_recency():
    cache = LRUCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("a") == 1
    cache.put("c", 3)
    assert cache.keys() == ["a", "c"]


def test_entries_expire():
    clock = FakeClock()
    cache = LRUCache(4, default_ttl=10, clock=clock)
    cache.put("a", 1)
    clock.now = 10
    assert cache.get("a") is None
    assert cache.stats.expirations == 1


def test_decorator_calls_once():
    calls = []

    @cached(capacity=4)
    def square(x):
        calls.append(x)
        return x * x

    assert square(3) == 9 and square(3) == 9
    assert calls == [3]
