import datetime as dt

import pytest

from helpdesk.sla import breached, check_priority, deadline

T0 = dt.datetime(2024, 5, 6, 9)


def test_deadline():
    assert deadline(T0, "urgent") == dt.datetime(2024, 5, 6, 13)


def test_breached():
    assert breached(T0, "urgent", None, dt.datetime(2024, 5, 6, 14))
    assert not breached(T0, "high", dt.datetime(2024, 5, 7, 8), dt.datetime(2024, 6, 1))


def test_priority():
    with pytest.raises(ValueError):
        check_priority("whenever")
