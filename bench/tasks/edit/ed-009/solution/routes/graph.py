"""A road network as a directed graph, and the searches the planner needs.

Towns are nodes (strings); each `Road` goes one way from its town to
`to`. Two-way roads are stored as two roads.
"""

from __future__ import annotations

import heapq
import math
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass


class NoRoute(Exception):
    """There is no way from the source to the target."""


@dataclass(frozen=True)
class Road:
    to: str
    km: float
    speed_kmh: float = 50.0
    toll: bool = False
    name: str = ""

    @property
    def hours(self) -> float:
        return self.km / self.speed_kmh


class RoadGraph:
    def __init__(self) -> None:
        self._out: dict[str, list[Road]] = {}

    def add_town(self, town: str) -> None:
        self._out.setdefault(town, [])

    def add_road(
        self,
        a: str,
        b: str,
        km: float,
        speed_kmh: float = 50.0,
        *,
        oneway: bool = False,
        toll: bool = False,
        name: str = "",
    ) -> None:
        """A road from `a` to `b` (and back unless `oneway`)."""
        if km <= 0 or speed_kmh <= 0:
            raise ValueError("km and speed must be positive")
        self.add_town(a)
        self.add_town(b)
        self._out[a].append(Road(b, km, speed_kmh, toll, name))
        if not oneway:
            self._out[b].append(Road(a, km, speed_kmh, toll, name))

    def towns(self) -> list[str]:
        return sorted(self._out)

    def roads_from(self, town: str) -> list[Road]:
        if town not in self._out:
            raise KeyError(f"unknown town {town}")
        return list(self._out[town])

    def road(self, a: str, b: str) -> Road:
        """The shortest direct road from `a` to `b`."""
        direct = [r for r in self.roads_from(a) if r.to == b]
        if not direct:
            raise NoRoute(f"no direct road from {a} to {b}")
        return min(direct, key=lambda r: r.km)

    def __contains__(self, town: str) -> bool:
        return town in self._out

    def __iter__(self) -> Iterator[str]:
        return iter(self.towns())

    def without_tolls(self) -> RoadGraph:
        """A copy of the network with the toll roads left out."""
        copy = RoadGraph()
        for town, roads in self._out.items():
            copy.add_town(town)
            copy._out[town] = [r for r in roads if not r.toll]
        return copy

    def reversed(self) -> RoadGraph:
        """Every road turned around (useful for 'who can reach X')."""
        back = RoadGraph()
        for town in self._out:
            back.add_town(town)
        for town, roads in self._out.items():
            for r in roads:
                back._out[r.to].append(Road(town, r.km, r.speed_kmh, r.toll, r.name))
        return back


def dijkstra(
    graph: RoadGraph,
    source: str,
    target: str,
    weight: Callable[[Road], float] | None = None,
) -> tuple[float, list[str]]:
    """(total cost, towns from source to target) of the cheapest route.

    `weight` gives each road's cost; by default its km, so the route is the shortest.

    Raises NoRoute when the target cannot be reached, KeyError for unknown towns.
    """
    if source not in graph or target not in graph:
        raise KeyError(f"unknown town {source if source not in graph else target}")
    best = {source: 0.0}
    previous: dict[str, str] = {}
    queue = [(0.0, source)]
    done: set[str] = set()
    if weight is None:
        weight = _km
    while queue:
        cost, town = heapq.heappop(queue)
        if town in done:
            continue
        if town == target:
            break
        done.add(town)
        for road in graph.roads_from(town):
            candidate = cost + weight(road)
            if candidate < best.get(road.to, math.inf):
                best[road.to] = candidate
                previous[road.to] = town
                heapq.heappush(queue, (candidate, road.to))
    if target not in best:
        raise NoRoute(f"no route from {source} to {target}")
    path = [target]
    while path[-1] != source:
        path.append(previous[path[-1]])
    return best[target], path[::-1]


def _km(road: Road) -> float:
    return road.km


def distances_from(graph: RoadGraph, source: str) -> dict[str, float]:
    """Shortest km from `source` to every reachable town (itself included)."""
    best = {source: 0.0}
    queue = [(0.0, source)]
    while queue:
        cost, town = heapq.heappop(queue)
        if cost > best[town]:
            continue
        for road in graph.roads_from(town):
            candidate = cost + road.km
            if candidate < best.get(road.to, math.inf):
                best[road.to] = candidate
                heapq.heappush(queue, (candidate, road.to))
    return best


def within(graph: RoadGraph, source: str, max_km: float) -> list[str]:
    """Towns reachable from `source` in at most `max_km`, nearest first."""
    found = distances_from(graph, source)
    return sorted((t for t, d in found.items() if d <= max_km), key=lambda t: (found[t], t))


def fewest_hops(graph: RoadGraph, source: str, target: str) -> list[str]:
    """A route with the fewest roads (breadth-first search)."""
    previous: dict[str, str | None] = {source: None}
    queue = deque([source])
    while queue:
        town = queue.popleft()
        if town == target:
            break
        for road in graph.roads_from(town):
            if road.to not in previous:
                previous[road.to] = town
                queue.append(road.to)
    if target not in previous:
        raise NoRoute(f"no route from {source} to {target}")
    path = [target]
    while previous[path[-1]] is not None:
        path.append(previous[path[-1]])
    return path[::-1]


def regions(graph: RoadGraph) -> list[list[str]]:
    """Groups of towns connected by roads in either direction, each sorted, largest first."""
    neighbours: dict[str, set[str]] = {t: set() for t in graph}
    for town in graph:
        for road in graph.roads_from(town):
            neighbours[town].add(road.to)
            neighbours[road.to].add(town)
    seen: set[str] = set()
    groups = []
    for town in graph:
        if town in seen:
            continue
        group, stack = [], [town]
        seen.add(town)
        while stack:
            current = stack.pop()
            group.append(current)
            for other in neighbours[current]:
                if other not in seen:
                    seen.add(other)
                    stack.append(other)
        groups.append(sorted(group))
    return sorted(groups, key=lambda g: (-len(g), g))
