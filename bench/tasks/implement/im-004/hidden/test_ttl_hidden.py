from cache.ttl import TTLCache


def test_purge_removes_only_expired():
    c = TTLCache(default_ttl=10)
    c.set("b", 1, now=0)
    c.set("a", 2, now=0)
    c.set("c", 3, now=5)
    assert c.purge_expired(12) == ["a", "b"]
    assert len(c) == 1 and "c" in c
    assert c.expired_count == 2


def test_deadline_exactly_now_is_expired():
    c = TTLCache(default_ttl=10)
    c.set("k", 1, now=0)
    assert c.purge_expired(9.999) == []
    assert c.purge_expired(10) == ["k"]


def test_no_ttl_never_expires():
    c = TTLCache(default_ttl=10)
    c.set("forever", 1, now=0, ttl=None)
    assert c.purge_expired(1e9) == []
    assert c.get("forever", now=1e9) == 1


def test_set_on_full_cache_purges_before_evicting():
    c = TTLCache(default_ttl=10, max_entries=2)
    c.set("old", 1, now=0, ttl=None)
    c.set("short", 2, now=1, ttl=1)
    c.set("new", 3, now=5)
    assert "old" in c and "new" in c and "short" not in c
    assert c.expired_count == 1
