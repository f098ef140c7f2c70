import datetime as dt

from todo.item import parse_item


def test_parse_full_line():
    item = parse_item("(A) 2024-05-01 Call the plumber +house @phone due:2024-05-03")
    assert item.priority == "A"
    assert item.created == dt.date(2024, 5, 1)
    assert item.projects == ["house"] and item.contexts == ["phone"]
    assert item.due == dt.date(2024, 5, 3)


def test_done():
    assert parse_item("x buy milk").done
