import datetime as dt

from todo.store import TodoStore

TEXT = """(B) Pay rent +house due:2024-05-01
Call mum @phone
(A) Fix sink +house @home due:2024-06-01
x (C) Buy paint +house
Write report +work @office
"""


def test_by_project_and_context():
    store = TodoStore.from_text(TEXT)
    assert store.by_project("house") == [1, 3]
    assert store.by_project("garden") == []
    assert store.by_context("phone") == [2]
    store.complete(1)
    assert store.by_project("house") == [3]


def test_queries():
    store = TodoStore.from_text(TEXT)
    assert [n for n, _ in store.pending()] == [3, 1, 2, 5]
    assert store.overdue(dt.date(2024, 5, 15)) == [1]
    assert store.projects() == {"house": 2, "work": 1}


def test_add_archive_roundtrip():
    store = TodoStore.from_text(TEXT)
    assert store.add("Water plants", today=dt.date(2024, 5, 2)) == 6
    assert [i.text for i in store.archive()] == ["Buy paint +house"]
    text = store.to_text()
    assert text.splitlines()[-1] == "2024-05-02 Water plants"
    assert TodoStore.from_text(text).to_text() == text
