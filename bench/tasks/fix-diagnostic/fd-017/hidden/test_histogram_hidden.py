import pytest

from metrics.histogram import Histogram, HistogramSet, Rolling, Timer, sparkline

VALUES = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 2.0]


def test_recent_percentile_and_summary():
    h = Histogram([0.25, 0.5, 1.0])
    h.observe_many(VALUES)
    assert h.recent_percentile(50) == pytest.approx(0.6)
    assert h.recent_percentile(95) == pytest.approx(1.5)
    s = h.summary()
    assert s.count == 11
    assert s.percentiles == pytest.approx({50: 0.6, 90: 1.0, 99: 1.9})
    assert s.format().startswith("n=11 mean=0.682s p50=0.600s p90=1.000s p99=1.900s max=2.000s")
    with pytest.raises(ValueError):
        Histogram().summary()


def test_window_limits_percentiles():
    h = Histogram([1.0], window=3)
    h.observe_many([9.0, 9.0, 0.1, 0.2, 0.3])
    assert h.recent_percentile(100) == pytest.approx(0.3)
    assert h.summary(percentiles=(0,)).percentiles == {0: pytest.approx(0.1)}
    assert h.summary().max == 9.0


def test_buckets_and_prometheus():
    h = Histogram([0.25, 0.5, 1.0])
    h.observe_many(VALUES)
    assert h.counts == [2, 3, 5, 1]
    assert h.cumulative()[-1] == (float("inf"), 11)
    assert h.fraction_below(0.5) == pytest.approx(5 / 11)
    assert h.estimate_quantile(0.5) == pytest.approx(0.5 + 0.5 * (5.5 - 5) / 5)
    hs = HistogramSet([0.5])
    hs.get("req", route="/a").observe(0.2)
    hs.get("req", route="/b").observe(0.7)
    text = hs.to_prometheus()
    assert 'req_bucket{le="+Inf",route="/b"} 1' in text
    assert hs.slowest("req") == [({"route": "/b"}, 0.7), ({"route": "/a"}, 0.2)]
    assert hs.combined("req").count == 2


def test_timer_and_roundtrip():
    h = Histogram([1.0])
    ticks = iter([10.0, 10.25])
    with Timer(h, clock=lambda: next(ticks)) as t:
        pass
    assert t.elapsed == 0.25
    again = Histogram.from_dict(h.to_dict())
    assert again.counts == [1, 0] and again.count == 1


def test_apdex_outliers_sparkline():
    h = Histogram([0.1, 0.4, 1.0])
    h.observe_many([0.05, 0.1, 0.3, 0.9, 0.2])
    assert h.apdex(0.1) == (2 + 2 / 2) / 5
    assert h.outliers(3.0) == [0.9]
    with pytest.raises(ValueError):
        h.apdex(1.0)
    assert sparkline([1, 2, 3, 8]) == " .:#"


def test_rolling_window():
    r = Rolling(slot_seconds=10, slots=3, bounds=[1.0])
    r.observe(0.5, now=0)
    r.observe(0.7, now=12)
    r.observe(3.0, now=25)
    assert r.counts_per_slot(now=25) == [1, 1, 1]
    assert r.p(50, now=25) == 0.7
    assert r.window(now=31).count == 2
    assert r.counts_per_slot(now=31) == [1, 1, 0]
    assert r.p(100, now=45) == 3.0
