import datetime as dt

from logscan.parser import parse_line, parse_lines, summary
from logscan.record import Level, LogRecord

UTC = dt.timezone.utc


def test_full_line():
    rec = parse_line("2024-03-04T10:15:02Z [WARN] payments: card declined user=42 amount=12.50\n")
    assert rec == LogRecord(
        dt.datetime(2024, 3, 4, 10, 15, 2, tzinfo=UTC),
        Level.WARNING,
        "payments",
        "card declined user=42 amount=12.50",
        {"user": "42", "amount": "12.50"},
    )


def test_level_case_and_empty_message():
    rec = parse_line("2024-03-04T10:15:02Z [error] db:")
    assert rec is not None
    assert rec.level is Level.ERROR and rec.component == "db" and rec.message == "" and rec.fields == {}


def test_malformed_lines_give_none():
    bad = [
        "",
        "hello world",
        "2024-03-04 10:15:02 [INFO] web: started",
        "2024-03-04T10:15:02Z INFO web: started",
        "2024-03-04T10:15:02Z [LOUD] web: started",
        "2024-03-04T10:15:02Z [INFO] web started",
        "2024-13-04T10:15:02Z [INFO] web: started",
    ]
    for line in bad:
        assert parse_line(line) is None, line


def test_parse_lines_and_summary():
    text = "2024-03-04T10:00:00Z [ERROR] db: timeout\nnoise\n\n2024-03-04T10:00:01Z [INFO] web: ok\n"
    result = parse_lines(text.splitlines())
    assert result.bad_lines == [2]
    assert [r.component for r in result.records] == ["db", "web"]
    assert summary(text).startswith("2 records, 1 malformed lines")
