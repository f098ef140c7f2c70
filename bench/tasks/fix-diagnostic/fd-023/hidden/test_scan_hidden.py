import datetime as dt

from logscan.entry import parse_lines
from logscan.scan import bursts, count_levels, errors_by_component, first_error, gaps, report, search

LOG = """2024-05-01T10:00:00 INFO web: started
2024-05-01T10:00:05 WARNING db: slow query
2024-05-01T10:00:07 ERROR billing: card declined
  at charge()
2024-05-01T10:00:08 CRITICAL db: connection lost
2024-05-01T10:00:09 ERROR billing: retry failed
2024-05-01T10:05:00 INFO web: recovered
""".splitlines()


def test_first_error():
    entries = parse_lines(LOG)
    e = first_error(entries)
    assert (e.lineno, e.message) == (3, "card declined")
    assert first_error(entries, "db").lineno == 5
    assert first_error(entries, "web") is None
    assert first_error([]) is None


def test_counts_and_report():
    entries = parse_lines(LOG)
    assert count_levels(entries) == {"INFO": 2, "WARNING": 1, "ERROR": 2, "CRITICAL": 1}
    assert errors_by_component(entries) == {"billing": 2, "db": 1}
    text = report(entries)
    assert "first error at line 3: billing: card declined" in text


def test_time_helpers():
    entries = parse_lines(LOG)
    assert bursts(entries, 4, 10) == [(dt.datetime(2024, 5, 1, 10, 0, 0), 5)]
    assert gaps(entries, 60) == [(dt.datetime(2024, 5, 1, 10, 0, 9), dt.datetime(2024, 5, 1, 10, 5))]
    assert search(entries, "FAILED") == [6]
