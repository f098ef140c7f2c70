import pytest

from netplan.ipv4 import int_to_ip, ip_to_int


def test_roundtrip():
    assert int_to_ip(ip_to_int("192.168.1.20")) == "192.168.1.20"
    assert ip_to_int("0.0.1.0") == 256


def test_bad():
    with pytest.raises(ValueError):
        ip_to_int("1.2.3.256")
