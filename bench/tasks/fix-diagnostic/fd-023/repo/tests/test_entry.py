import datetime as dt

from logscan.entry import parse_line, parse_lines


def test_parse_line():
    e = parse_line("2024-05-01T10:00:00 ERROR billing: card declined")
    assert e.at == dt.datetime(2024, 5, 1, 10) and e.component == "billing"


def test_skips_other_lines():
    assert len(parse_lines(["Traceback:", "2024-05-01T10:00:00 INFO web: ok"])) == 1
