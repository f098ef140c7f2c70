import pytest

from eventbus.events import matches, validate_name


def test_matches():
    assert matches("*", "a.b")
    assert matches("order.*", "order.paid.late")
    assert not matches("order.*", "orders.x")


def test_validate():
    with pytest.raises(ValueError):
        validate_name("a..b")
