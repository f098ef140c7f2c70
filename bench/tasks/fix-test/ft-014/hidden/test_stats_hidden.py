from logscan.parser import parse
from logscan.stats import count_by_level, summary

LOG = """\
2024-06-10T08:15:00 DEBUG [cache] miss key=user:17
2024-06-10T08:15:01 debug [cache] miss key=user:18
2024-06-10T08:15:02 CRITICAL [disk] /var full
2024-06-10T08:15:09 INFO [cron] nightly job started
2024-06-10T08:16:00 WARNING [cron] job took 95 s
""".splitlines()


def test_levels_in_severity_order():
    records = list(parse(LOG))
    counts = count_by_level(records)
    assert counts == {"DEBUG": 2, "INFO": 1, "WARNING": 1, "CRITICAL": 1}
    assert list(counts) == ["DEBUG", "INFO", "WARNING", "CRITICAL"]


def test_levels_of_handmade_records():
    records = [{"level": "ERROR", "logger": "x", "message": "boom"}] * 3
    assert count_by_level(records) == {"ERROR": 3}
    assert count_by_level([]) == {}


def test_summary_line_for_levels():
    text = summary(list(parse(LOG)))
    assert "levels: DEBUG 2, INFO 1, WARNING 1, CRITICAL 1" in text
    assert "error rate: 20.0%" in text
