import pytest

from logscan.record import Level


def test_aliases():
    assert Level.from_name("warn") is Level.WARNING
    assert Level.from_name(" Err ") is Level.ERROR


def test_unknown():
    with pytest.raises(ValueError):
        Level.from_name("loud")
