from logscan.parser import parse
from logscan.stats import count_by_level, error_rate, top_loggers

LOG = """\
2024-05-01T10:00:01 INFO [web] GET /health 200
2024-05-01T10:00:02 WARN [db.pool] slow query (812 ms)
2024-05-01T10:00:03 ERROR [db.pool] connection refused
Traceback (most recent call last):
  File "pool.py", line 10, in connect
2024-05-01T10:00:04 INFO [web] GET / 200
2024-05-01T10:01:00 ERROR [web] upstream timeout
""".splitlines()


def test_parse_folds_tracebacks():
    records = list(parse(LOG))
    assert len(records) == 5
    assert "Traceback" in records[2]["message"]


def test_count_by_level():
    records = list(parse(LOG))
    assert count_by_level(records) == {"INFO": 2, "WARNING": 1, "ERROR": 2}


def test_error_rate_and_top_loggers():
    records = list(parse(LOG))
    assert error_rate(records) == 0.4
    assert top_loggers(records, 1) == [("web", 3)]
