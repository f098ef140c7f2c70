import pytest

from netplan.cidr import Network, Pool, collapse, from_range


def test_contains_addresses_and_networks():
    net = Network.parse("10.1.0.0/16")
    assert net.contains("10.1.255.255")
    assert net.contains("10.1.0.0")
    assert not net.contains("10.2.0.0")
    assert net.contains(Network.parse("10.1.4.0/24"))
    assert not net.contains(Network.parse("10.0.0.0/8"))
    with pytest.raises(ValueError):
        net.contains("10.1.0")


def test_network_basics():
    net = Network.parse("192.168.1.77/26", strict=False)
    assert str(net) == "192.168.1.64/26"
    assert net.netmask == "255.255.255.192"
    assert net.broadcast == "192.168.1.127"
    assert net.usable_hosts() == 62
    assert net.host(0) == "192.168.1.65"
    with pytest.raises(ValueError):
        Network.parse("192.168.1.77/26")
    assert [str(n) for n in net.subnets(28)] == ["192.168.1.64/28", "192.168.1.80/28", "192.168.1.96/28", "192.168.1.112/28"]


def test_collapse_and_range():
    nets = [Network.parse(t) for t in ("10.0.0.0/25", "10.0.0.128/25", "10.0.1.0/24", "10.0.0.64/26")]
    assert [str(n) for n in collapse(nets)] == ["10.0.0.0/23"]
    assert [str(n) for n in from_range("10.0.0.5", "10.0.0.12")] == ["10.0.0.5/32", "10.0.0.6/31", "10.0.0.8/30", "10.0.0.12/32"]


def test_pool():
    pool = Pool(Network.parse("172.16.0.0/22"))
    a = pool.allocate(24)
    b = pool.allocate(23)
    assert (str(a), str(b)) == ("172.16.0.0/24", "172.16.2.0/23")
    assert [str(n) for n in pool.free()] == ["172.16.1.0/24"]
    pool.release(a)
    assert [str(n) for n in pool.free()] == ["172.16.0.0/23"]
    assert pool.usage() == 0.5
    with pytest.raises(LookupError):
        pool.allocate(22)
