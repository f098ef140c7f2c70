"""Latency histograms.

A `Histogram` counts observations in buckets given by increasing upper
bounds (an observation goes to the first bucket whose bound is >= the value;
values above the last bound go to the overflow bucket, `+Inf`). It also keeps
the most recent raw samples (a bounded window) so exact percentiles of recent
traffic can be reported.

A `HistogramSet` holds one histogram per (name, labels) pair and renders
them all in the Prometheus text format.
"""

from __future__ import annotations

import bisect
import time
from collections import deque
from dataclasses import dataclass
from typing import Iterable, Mapping

from .mathutil import exponential_bounds, mean

DEFAULT_BOUNDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0]
DEFAULT_WINDOW = 1000
SUMMARY_PERCENTILES = (50, 90, 99)


@dataclass(frozen=True)
class Summary:
    count: int
    mean: float
    min: float
    max: float
    percentiles: dict[int, float]

    def format(self, unit: str = "s") -> str:
        parts = [f"n={self.count}", f"mean={self.mean:.3f}{unit}"]
        parts += [f"p{p}={v:.3f}{unit}" for p, v in sorted(self.percentiles.items())]
        parts.append(f"max={self.max:.3f}{unit}")
        return " ".join(parts)


class Histogram:
    """Bucketed counts plus a window of recent raw samples."""

    def __init__(self, bounds: Iterable[float] | None = None, window: int = DEFAULT_WINDOW) -> None:
        self.bounds = list(bounds) if bounds is not None else list(DEFAULT_BOUNDS)
        if not self.bounds:
            raise ValueError("a histogram needs at least one bound")
        if any(b >= c for b, c in zip(self.bounds, self.bounds[1:])):
            raise ValueError("bounds must be strictly increasing")
        if window < 1:
            raise ValueError("window must be at least 1")
        self.counts = [0] * (len(self.bounds) + 1)  # the last one is +Inf
        self.total = 0.0
        self.count = 0
        self.min: float | None = None
        self.max: float | None = None
        self.recent: deque[float] = deque(maxlen=window)

    @classmethod
    def exponential(cls, start: float, factor: float, count: int, window: int = DEFAULT_WINDOW) -> "Histogram":
        return cls(exponential_bounds(start, factor, count), window)

    # -- recording ------------------------------------------------------------

    def observe(self, value: float) -> None:
        if value < 0:
            raise ValueError("durations are not negative")
        index = bisect.bisect_left(self.bounds, value)
        self.counts[index] += 1
        self.total += value
        self.count += 1
        self.min = value if self.min is None else min(self.min, value)
        self.max = value if self.max is None else max(self.max, value)
        self.recent.append(value)

    def observe_many(self, values: Iterable[float]) -> None:
        for value in values:
            self.observe(value)

    def time(self) -> "Timer":
        """`with hist.time(): ...` observes the block's duration."""
        return Timer(self)

    def reset(self) -> None:
        self.counts = [0] * (len(self.bounds) + 1)
        self.total = 0.0
        self.count = 0
        self.min = None
        self.max = None
        self.recent.clear()

    # -- reading --------------------------------------------------------------

    @property
    def mean(self) -> float:
        return self.total / self.count if self.count else 0.0

    def bucket_counts(self) -> list[tuple[float, int]]:
        """(upper bound, count) per bucket, the overflow bucket as +inf."""
        return list(zip([*self.bounds, float("inf")], self.counts))

    def cumulative(self) -> list[tuple[float, int]]:
        """(upper bound, observations <= bound), as Prometheus reports them."""
        running = 0
        out = []
        for bound, count in self.bucket_counts():
            running += count
            out.append((bound, running))
        return out

    def estimate_quantile(self, q: float) -> float:
        """An estimate of quantile q (0..1) from the buckets alone.

        Interpolates linearly inside the bucket holding the rank; the first
        bucket starts at 0, and a rank in the overflow bucket gives the last bound.
        """
        if not 0 <= q <= 1:
            raise ValueError("q must be within 0..1")
        if not self.count:
            raise ValueError("no observations")
        rank = q * self.count
        lower = 0.0
        seen = 0
        for bound, count in self.bucket_counts():
            if count and seen + count >= rank:
                if bound == float("inf"):
                    return self.bounds[-1]
                return lower + (bound - lower) * (rank - seen) / count
            seen += count
            if bound != float("inf"):
                lower = bound
        return self.bounds[-1]

    def recent_percentile(self, p: float) -> float:
        """The exact p-th percentile (0..100) of the recent window."""
        return percentile(sorted(self.recent), p)

    def summary(self, percentiles: Iterable[int] = SUMMARY_PERCENTILES) -> Summary:
        """Count, mean, min, max over everything; percentiles over the recent window."""
        if not self.count:
            raise ValueError("no observations")
        ordered = sorted(self.recent)
        return Summary(
            count=self.count,
            mean=self.mean,
            min=self.min or 0.0,
            max=self.max or 0.0,
            percentiles={p: percentile(ordered, p) for p in percentiles},
        )

    def recent_mean(self) -> float:
        return mean(list(self.recent))

    def fraction_below(self, threshold: float) -> float:
        """Share of all observations at or below `threshold`, which must be one of the bounds (an SLO check)."""
        if threshold not in self.bounds:
            raise ValueError(f"{threshold} is not a bucket bound")
        if not self.count:
            return 1.0
        index = self.bounds.index(threshold)
        return sum(self.counts[: index + 1]) / self.count

    def apdex(self, target: float) -> float:
        """Apdex score for a target time T: (satisfied + tolerating / 2) / total.

        Satisfied means <= T, tolerating <= 4T; both T and 4T must be bucket
        bounds. An empty histogram scores 1.0.
        """
        if target not in self.bounds or 4 * target not in self.bounds:
            raise ValueError("the target and four times it must be bucket bounds")
        if not self.count:
            return 1.0
        cumulative = dict(self.cumulative())
        satisfied = cumulative[target]
        tolerating = cumulative[4 * target] - satisfied
        return (satisfied + tolerating / 2) / self.count

    def outliers(self, factor: float = 3.0) -> list[float]:
        """Recent samples above `factor` times the recent median, in arrival order."""
        if not self.recent:
            return []
        median = percentile(sorted(self.recent), 50)
        return [v for v in self.recent if v > factor * median]

    # -- combining ------------------------------------------------------------

    def merge(self, other: "Histogram") -> "Histogram":
        """A new histogram with both histograms' observations (same bounds needed).

        The recent window keeps this histogram's samples, then the other's.
        """
        if self.bounds != other.bounds:
            raise ValueError("cannot merge histograms with different bounds")
        merged = Histogram(self.bounds, window=self.recent.maxlen or DEFAULT_WINDOW)
        merged.counts = [a + b for a, b in zip(self.counts, other.counts)]
        merged.total = self.total + other.total
        merged.count = self.count + other.count
        mins = [m for m in (self.min, other.min) if m is not None]
        maxs = [m for m in (self.max, other.max) if m is not None]
        merged.min = min(mins) if mins else None
        merged.max = max(maxs) if maxs else None
        merged.recent.extend(self.recent)
        merged.recent.extend(other.recent)
        return merged

    def to_dict(self) -> dict:
        return {
            "bounds": list(self.bounds),
            "counts": list(self.counts),
            "total": self.total,
            "count": self.count,
            "min": self.min,
            "max": self.max,
        }

    @classmethod
    def from_dict(cls, data: Mapping) -> "Histogram":
        """Rebuild from `to_dict` (the recent window is not saved and starts empty)."""
        hist = cls(data["bounds"])
        if len(data["counts"]) != len(hist.counts):
            raise ValueError("counts do not match the bounds")
        hist.counts = list(data["counts"])
        hist.total = float(data["total"])
        hist.count = int(data["count"])
        hist.min = data.get("min")
        hist.max = data.get("max")
        return hist

    # -- display --------------------------------------------------------------

    def render(self, width: int = 40) -> str:
        """An ASCII bar chart, one line per non-empty bucket."""
        peak = max(self.counts) or 1
        lines = []
        for bound, count in self.bucket_counts():
            if not count:
                continue
            label = "+Inf" if bound == float("inf") else f"<={bound:g}"
            bar = "#" * max(1, round(width * count / peak))
            lines.append(f"{label:>8} {bar} {count}")
        return "\n".join(lines)


class Timer:
    """Context manager that observes the elapsed time of its block."""

    def __init__(self, histogram: Histogram, clock=time.perf_counter) -> None:
        self.histogram = histogram
        self.clock = clock
        self.started = 0.0
        self.elapsed = 0.0

    def __enter__(self) -> "Timer":
        self.started = self.clock()
        return self

    def __exit__(self, *exc) -> bool:
        self.elapsed = self.clock() - self.started
        self.histogram.observe(self.elapsed)
        return False


def _label_text(labels: Mapping[str, str]) -> str:
    if not labels:
        return ""
    inner = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    return "{" + inner + "}"


def _bound_text(bound: float) -> str:
    return "+Inf" if bound == float("inf") else f"{bound:g}"


class HistogramSet:
    """Histograms by metric name and label values, e.g. per route."""

    def __init__(self, bounds: Iterable[float] | None = None) -> None:
        self.bounds = list(bounds) if bounds is not None else list(DEFAULT_BOUNDS)
        self._items: dict[tuple[str, tuple[tuple[str, str], ...]], Histogram] = {}
        self.help: dict[str, str] = {}

    def get(self, name: str, **labels: str) -> Histogram:
        key = (name, tuple(sorted(labels.items())))
        if key not in self._items:
            self._items[key] = Histogram(self.bounds)
        return self._items[key]

    def describe(self, name: str, text: str) -> None:
        self.help[name] = text

    def names(self) -> list[str]:
        return sorted({name for name, _ in self._items})

    def combined(self, name: str) -> Histogram:
        """All label sets of a metric merged into one histogram."""
        result = Histogram(self.bounds)
        for (metric, _), hist in sorted(self._items.items()):
            if metric == name:
                result = result.merge(hist)
        return result

    def slowest(self, name: str, p: float = 99) -> list[tuple[dict[str, str], float]]:
        """Label sets of a metric by recent p-th percentile, slowest first."""
        rows = []
        for (metric, labels), hist in self._items.items():
            if metric == name and hist.recent:
                rows.append((dict(labels), hist.recent_percentile(p)))
        return sorted(rows, key=lambda row: (-row[1], sorted(row[0].items())))

    def to_prometheus(self) -> str:
        """The text exposition format: _bucket lines (cumulative), _sum and _count."""
        out = []
        for name in self.names():
            if name in self.help:
                out.append(f"# HELP {name} {self.help[name]}")
            out.append(f"# TYPE {name} histogram")
            for (metric, labels), hist in sorted(self._items.items()):
                if metric != name:
                    continue
                label_map = dict(labels)
                for bound, running in hist.cumulative():
                    bucket_labels = _label_text({**label_map, "le": _bound_text(bound)})
                    out.append(f"{name}_bucket{bucket_labels} {running}")
                out.append(f"{name}_sum{_label_text(label_map)} {hist.total:g}")
                out.append(f"{name}_count{_label_text(label_map)} {hist.count}")
        return "\n".join(out) + "\n"


_SPARKS = " .:-=+*#"


def sparkline(values: Iterable[float]) -> str:
    """One character per value, from ' ' (lowest) to '#' (highest)."""
    values = list(values)
    if not values:
        return ""
    low, high = min(values), max(values)
    span = high - low or 1.0
    return "".join(_SPARKS[round((v - low) / span * (len(_SPARKS) - 1))] for v in values)


class Rolling:
    """One histogram per time slot (e.g. per minute), keeping the last `slots` of them.

    `observe(value, now)` files the value in the slot of `now`; older slots are
    dropped as time moves on. `window()` merges the slots still kept.
    """

    def __init__(self, slot_seconds: float = 60.0, slots: int = 5, bounds: Iterable[float] | None = None) -> None:
        if slot_seconds <= 0 or slots < 1:
            raise ValueError("need slot_seconds > 0 and slots >= 1")
        self.slot_seconds = slot_seconds
        self.slots = slots
        self.bounds = list(bounds) if bounds is not None else list(DEFAULT_BOUNDS)
        self._by_slot: dict[int, Histogram] = {}

    def _slot(self, now: float) -> int:
        return int(now // self.slot_seconds)

    def _expire(self, current: int) -> None:
        for slot in [s for s in self._by_slot if s <= current - self.slots]:
            del self._by_slot[slot]

    def observe(self, value: float, now: float) -> None:
        slot = self._slot(now)
        self._expire(slot)
        self._by_slot.setdefault(slot, Histogram(self.bounds)).observe(value)

    def window(self, now: float) -> Histogram:
        """Everything observed in the kept slots up to `now`."""
        self._expire(self._slot(now))
        merged = Histogram(self.bounds)
        for slot in sorted(self._by_slot):
            merged = merged.merge(self._by_slot[slot])
        return merged

    def counts_per_slot(self, now: float) -> list[int]:
        """Observation counts of the last `slots` slots, oldest first (0 for empty slots)."""
        current = self._slot(now)
        self._expire(current)
        return [self._by_slot[s].count if s in self._by_slot else 0 for s in range(current - self.slots + 1, current + 1)]

    def p(self, q: float, now: float) -> float:
        """The recent q-th percentile (0..100) over the kept slots."""
        self._expire(self._slot(now))
        samples = sorted(v for slot in sorted(self._by_slot) for v in self._by_slot[slot].recent)
        return percentile(samples, q)
