from humanize.durations import format_duration, relative
from humanize.progress import ProgressBar


def test_compact_form():
    assert format_duration(3723, compact=True) == "1h2m"
    assert format_duration(3723, max_units=3, compact=True) == "1h2m3s"
    assert format_duration(45, compact=True) == "45s"
    assert format_duration(97_200, compact=True) == "1d3h"
    assert format_duration(180_000, compact=True) == "2d2h"
    assert format_duration(0, compact=True) == "0s"
    assert format_duration(0.3, compact=True) == "0s"
    assert format_duration(3600, compact=True) == "1h"
    assert format_duration(3601, max_units=4, compact=True) == "1h1s"


def test_long_form_unchanged():
    assert format_duration(3723) == "1 hour, 2 minutes"
    assert format_duration(3723, compact=False) == "1 hour, 2 minutes"
    assert format_duration(0) == "0 seconds"
    assert format_duration(86_401, 2) == "1 day, 1 second"
    assert relative(300) == "in 5 minutes"


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_progress_status_is_compact():
    clock = Clock()
    bar = ProgressBar(4 * 1024 * 1024, width=8, clock=clock)
    assert bar.status().endswith("elapsed 0s eta ?")
    bar.advance(1024 * 1024)
    clock.now += 64
    assert bar.status() == "[##......]  25% 1.0 MiB/4.0 MiB 16.0 KiB/s elapsed 1m4s eta 3m12s"
    bar.advance(3 * 1024 * 1024)
    clock.now += 3600
    assert bar.status().endswith("100% 4.0 MiB/4.0 MiB 1.1 KiB/s elapsed 1h1m eta 0s")
