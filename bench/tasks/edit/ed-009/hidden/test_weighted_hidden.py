import math

import pytest

from routes.graph import NoRoute, RoadGraph, dijkstra
from routes.planner import TripPlanner


def network():
    g = RoadGraph()
    # short but slow through the villages
    g.add_road("Ashby", "Brook", 10, 30)
    g.add_road("Brook", "Dale", 10, 30)
    # longer motorway, with a toll on the second half
    g.add_road("Ashby", "Carr", 15, 120)
    g.add_road("Carr", "Dale", 15, 120, toll=True)
    # a longer free detour at medium speed
    g.add_road("Carr", "Eton", 20, 90)
    g.add_road("Eton", "Dale", 5, 90)
    g.add_town("Island")
    return g


def test_default_weight_is_km():
    assert dijkstra(network(), "Ashby", "Dale") == (20.0, ["Ashby", "Brook", "Dale"])


def test_custom_weight():
    cost, towns = dijkstra(network(), "Ashby", "Dale", weight=lambda road: road.km / road.speed_kmh)
    assert towns == ["Ashby", "Carr", "Dale"]
    assert math.isclose(cost, 0.25)
    cost, towns = dijkstra(network(), "Ashby", "Eton", weight=lambda road: 1)
    assert (cost, towns) == (2, ["Ashby", "Carr", "Eton"])
    with pytest.raises(NoRoute):
        dijkstra(network(), "Ashby", "Island", weight=lambda road: 1)


def test_fastest_route_uses_travel_time():
    planner = TripPlanner(network())
    fastest = planner.fastest_route("Ashby", "Dale")
    assert fastest.towns == ["Ashby", "Carr", "Dale"]
    assert fastest.km == 30
    assert math.isclose(fastest.hours, 0.25)
    assert fastest.describe() == "Ashby -> Carr -> Dale: 30 km, 0h15"


def test_fastest_route_avoiding_tolls():
    planner = TripPlanner(network())
    route = planner.fastest_route("Ashby", "Dale", avoid_tolls=True)
    assert route.towns == ["Ashby", "Carr", "Eton", "Dale"]
    assert math.isclose(route.hours, 15 / 120 + 25 / 90)


def test_shortest_route_unchanged():
    planner = TripPlanner(network())
    route = planner.shortest_route("Ashby", "Dale")
    assert route.towns == ["Ashby", "Brook", "Dale"]
    assert math.isclose(route.hours, 20 / 30)
    assert planner.tour(["Ashby", "Eton", "Brook"]).towns == ["Ashby", "Brook", "Dale", "Eton", "Dale", "Brook"]
