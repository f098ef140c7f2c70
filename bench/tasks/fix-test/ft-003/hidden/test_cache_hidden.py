from memo import LRUCache, cached


def test_read_entry_survives_eviction():
    cache = LRUCache(3)
    for key in "abc":
        cache.put(key, key.upper())
    assert cache.get("a") == "A"
    assert cache.get("b") == "B"
    cache.put("d", "D")
    assert "c" not in cache
    assert cache.keys() == ["a", "b", "d"]


def test_get_order_is_least_to_most_recent():
    cache = LRUCache(4)
    for key in "wxyz":
        cache.put(key, 0)
    cache.get("x")
    cache.get("w")
    assert cache.keys() == ["y", "z", "x", "w"]


def test_miss_does_not_change_order():
    cache = LRUCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("zzz", "none") == "none"
    cache.put("c", 3)
    assert cache.keys() == ["b", "c"]
    assert cache.stats.misses == 1 and cache.stats.evictions == 1


def test_contains_is_not_a_use():
    cache = LRUCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert "a" in cache
    cache.put("c", 3)
    assert cache.keys() == ["b", "c"]


def test_decorated_function_keeps_hot_keys():
    calls = []

    @cached(capacity=2)
    def double(x):
        calls.append(x)
        return 2 * x

    double(1)
    double(2)
    double(1)
    double(3)
    double(1)
    assert calls == [1, 2, 3]
    assert double.cache.stats.hits == 2
