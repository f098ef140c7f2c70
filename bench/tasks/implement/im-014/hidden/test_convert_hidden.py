import pytest

from units.convert import best_unit, convert, convert_text
from units.table import ConversionError, UnknownUnit


def test_linear():
    assert convert(5, "km", "m") == pytest.approx(5000)
    assert convert(1, "mi", "ft") == pytest.approx(5280)
    assert convert(2, "cup", "ml") == pytest.approx(473.176473)


def test_aliases():
    assert convert(3, "miles", "km") == pytest.approx(4.828032)


def test_temperature_offsets():
    assert convert(100, "C", "F") == pytest.approx(212)
    assert convert(-40, "F", "C") == pytest.approx(-40)
    assert convert(0, "C", "K") == pytest.approx(273.15)


def test_dimension_mismatch():
    with pytest.raises(ConversionError):
        convert(1, "kg", "m")


def test_unknown_unit():
    with pytest.raises(UnknownUnit):
        convert(1, "kg", "stone")


def test_callers():
    assert convert_text("5 km", "mi") == "3.11 mi"
    assert best_unit(1500, "m", ["m", "km", "cm"]) == (pytest.approx(1.5), "km")
