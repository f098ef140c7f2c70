import datetime as dt

from scheduler.intervals import Interval, merge


def at(h, m=0):
    return dt.datetime(2024, 3, 4, h, m)


def test_touching_do_not_overlap():
    assert not Interval(at(9), at(10)).overlaps(Interval(at(10), at(11)))


def test_merge_joins_touching():
    assert merge([Interval(at(10), at(11)), Interval(at(9), at(10))]) == [Interval(at(9), at(11))]
