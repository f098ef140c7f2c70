import pytest

from transit.network import Network
from transit.paths import NoRoute, breadth_first, fastest_route, fewest_hops, has_cycle, travel_times

LINES = """
Harbour - Market 3
Market - Castle 4
Harbour > Castle 9
Castle - Station 2
Park > Station 1
"""


def test_breadth_first_order():
    net = Network.from_lines(LINES)
    assert breadth_first(net, "Harbour") == ["Harbour", "Castle", "Market", "Station"]


def test_fewest_hops_ignores_times():
    net = Network.from_lines(LINES)
    assert fewest_hops(net, "Harbour", "Castle") == ["Harbour", "Castle"]


def test_fastest_route_takes_the_quicker_way():
    net = Network.from_lines(LINES)
    route = fastest_route(net, "Harbour", "Station")
    assert route.stops == ["Harbour", "Market", "Castle", "Station"]
    assert route.minutes == 9


def test_travel_times_after_a_slow_last_link():
    net = Network.from_lines(
        """
        Depot > Quay 3
        Quay > Xing 1
        Depot > Pier 1
        Pier > Mill 1
        Mill > Ford 1
        Ford > Xing 2
        Xing > Yard 1
        """
    )
    times = travel_times(net, "Depot")
    assert times["Xing"] == 4
    assert times["Yard"] == 5


def test_no_route_raises():
    net = Network.from_lines(LINES)
    with pytest.raises(NoRoute):
        fastest_route(net, "Station", "Park")


def test_cycle_detection():
    assert has_cycle(Network.from_lines(LINES))
    assert not has_cycle(Network.from_lines("A > B 1\nB > C 1"))
