"""Trip planning on top of the road network."""

from __future__ import annotations

from dataclasses import dataclass

from .graph import RoadGraph, dijkstra


@dataclass(frozen=True)
class Route:
    towns: list[str]
    km: float
    hours: float

    def describe(self) -> str:
        minutes = round(self.hours * 60)
        return f"{' -> '.join(self.towns)}: {self.km:g} km, {minutes // 60}h{minutes % 60:02d}"


class TripPlanner:
    def __init__(self, graph: RoadGraph) -> None:
        self.graph = graph

    def _route(self, towns: list[str], graph: RoadGraph | None = None) -> Route:
        graph = graph or self.graph
        roads = [graph.road(a, b) for a, b in zip(towns, towns[1:])]
        return Route(towns, sum(r.km for r in roads), sum(r.hours for r in roads))

    def shortest_route(self, start: str, end: str, avoid_tolls: bool = False) -> Route:
        """The route with the fewest kilometres."""
        graph = self.graph.without_tolls() if avoid_tolls else self.graph
        _, towns = dijkstra(graph, start, end)
        return self._route(towns, graph)

    def fastest_route(self, start: str, end: str, avoid_tolls: bool = False) -> Route:
        """The route with the shortest driving time at each road's speed."""
        graph = self.graph.without_tolls() if avoid_tolls else self.graph
        _, towns = dijkstra(graph, start, end, weight=lambda road: road.km / road.speed_kmh)
        return self._route(towns, graph)

    def tour(self, stops: list[str]) -> Route:
        """Visit `stops` in the given order, each leg by the shortest route."""
        towns = [stops[0]]
        for a, b in zip(stops, stops[1:]):
            _, leg = dijkstra(self.graph, a, b)
            towns.extend(leg[1:])
        return self._route(towns)
