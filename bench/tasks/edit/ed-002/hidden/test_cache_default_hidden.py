from dnslite.cache import TTLCache
from dnslite.records import Record
from dnslite.resolver import NEGATIVE_TTL, Resolver


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_get_returns_default_for_missing_and_expired():
    clock = FakeClock()
    cache = TTLCache(default_ttl=10, clock=clock)
    assert cache.get("nope") is None
    assert cache.get("nope", 42) == 42
    cache.set("a", "x")
    assert cache.get("a") == "x"
    assert cache.get("a", "d") == "x"
    clock.now = 11
    assert cache.get("a", "gone") == "gone"
    assert cache.stats.hits == 2
    assert cache.stats.misses == 3
    assert cache.stats.expirations == 1


def test_get_many_leaves_out_missing_and_keeps_falsy_values():
    cache = TTLCache()
    cache.set("zero", 0)
    cache.set("empty", [])
    cache.set("one", 1)
    assert cache.get_many(["zero", "empty", "missing", "one"]) == {"zero": 0, "empty": [], "one": 1}


def make_upstream(table):
    calls = []

    def upstream(name, rtype):
        calls.append((name, rtype))
        return table.get((name, rtype), [])

    return upstream, calls


def test_resolver_caches_answers():
    clock = FakeClock()
    table = {("example.org", "A"): [Record("example.org", "A", "192.0.2.1", ttl=30)]}
    upstream, calls = make_upstream(table)
    resolver = Resolver(upstream, TTLCache(clock=clock))
    first = resolver.resolve("Example.org.")
    assert [r.data for r in first] == ["192.0.2.1"]
    assert resolver.resolve("example.org") == first
    assert calls == [("example.org", "A")]
    clock.now = 31
    assert resolver.resolve("example.org") == first
    assert len(calls) == 2 and resolver.queries_sent == 2


def test_resolver_caches_negative_answers():
    clock = FakeClock()
    upstream, calls = make_upstream({})
    resolver = Resolver(upstream, TTLCache(clock=clock))
    assert resolver.resolve("missing.test") == []
    assert resolver.resolve("missing.test") == []
    assert len(calls) == 1
    clock.now = NEGATIVE_TTL + 1
    assert resolver.resolve("missing.test") == []
    assert len(calls) == 2


def test_addresses_follow_cname():
    table = {
        ("www.example.org", "CNAME"): [Record("www.example.org", "CNAME", "example.org", ttl=100)],
        ("example.org", "A"): [Record("example.org", "A", "192.0.2.1", ttl=100)],
        ("example.org", "AAAA"): [Record("example.org", "AAAA", "2001:db8::1", ttl=100)],
    }
    upstream, calls = make_upstream(table)
    resolver = Resolver(upstream)
    assert resolver.addresses("www.example.org") == ["192.0.2.1", "2001:db8::1"]
    sent = len(calls)
    assert resolver.addresses("www.example.org") == ["192.0.2.1", "2001:db8::1"]
    assert len(calls) == sent
