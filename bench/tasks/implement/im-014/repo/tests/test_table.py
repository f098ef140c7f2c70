import pytest

from units.table import UnknownUnit, lookup


def test_alias():
    assert lookup("Miles").symbol == "mi"


def test_unknown():
    with pytest.raises(UnknownUnit):
        lookup("parsec")
