from transit.network import Network
from transit.paths import central_stop, detour_minutes, fastest_route, travel_times, within


def chain_network():
    # the quickest way to Gate has a long last link; Gate's onward times must use it
    return Network.from_lines(
        """
        Alpha > Beta 6
        Beta > Gate 1
        Alpha > C1 1
        C1 > C2 1
        C2 > C3 1
        C3 > C4 1
        C4 > C5 1
        C5 > Gate 4
        Gate > Hill 1
        Hill > Inn 2
        """
    )


def test_times_downstream_of_a_late_improvement():
    times = travel_times(chain_network(), "Alpha")
    assert times["Gate"] == 7
    assert times["Hill"] == 8
    assert times["Inn"] == 10


def test_fastest_route_downstream():
    route = fastest_route(chain_network(), "Alpha", "Inn")
    assert route.stops == ["Alpha", "Beta", "Gate", "Hill", "Inn"]
    assert route.minutes == 10


def test_within_budget_nearest_first():
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
    assert within(net, "Depot", 5) == ["Depot", "Pier", "Mill", "Ford", "Quay", "Xing", "Yard"]


def test_detour_and_centre():
    net = Network.from_lines("A - B 2\nB - C 2\nA - C 5\nC - D 1")
    assert detour_minutes(net, "A", "C", "B") == 4
    assert central_stop(net) == "B"
    assert travel_times(net, "A") == {"A": 0, "B": 2, "C": 4, "D": 5}


def test_fastest_tree_and_timetable():
    from transit.paths import fastest_tree, timetable

    net = chain_network()
    tree = fastest_tree(net, "Alpha")
    assert tree["Gate"] == "Beta"
    assert tree["Hill"] == "Gate"
    route = fastest_route(net, "Alpha", "Inn").stops
    assert timetable(net, route, 8 * 60, dwell=0)[-1] == ("Inn", "08:10")
