"""Searches over a Network: reachability, fewest changes, fastest routes, and more.

Travel times are non-negative, so the fastest route is found with Dijkstra's
algorithm: stops are settled in order of their total travel time from the
start, and a settled stop's time is final.
"""

from __future__ import annotations

import heapq
import math
from collections import deque
from dataclasses import dataclass

from .network import Network

INF = math.inf


@dataclass(frozen=True)
class Route:
    stops: list[str]
    minutes: float

    @property
    def hops(self) -> int:
        return len(self.stops) - 1

    def __str__(self) -> str:
        return f"{' -> '.join(self.stops)} ({self.minutes:g} min)"


class NoRoute(LookupError):
    """There is no way from the start to the destination."""


def _check(net: Network, *stops: str) -> None:
    known = set(net.stops())
    for stop in stops:
        if stop not in known:
            raise KeyError(f"unknown stop {stop!r}")


def reachable(net: Network, start: str) -> set[str]:
    """Every stop that can be reached from `start`, including `start`."""
    _check(net, start)
    seen = {start}
    todo = [start]
    while todo:
        stop = todo.pop()
        for nxt, _ in net.links_from(stop):
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def breadth_first(net: Network, start: str) -> list[str]:
    """Stops in the order a breadth-first search visits them (neighbours in name order)."""
    _check(net, start)
    order = [start]
    seen = {start}
    queue = deque([start])
    while queue:
        stop = queue.popleft()
        for nxt, _ in net.links_from(stop):
            if nxt not in seen:
                seen.add(nxt)
                order.append(nxt)
                queue.append(nxt)
    return order


def fewest_hops(net: Network, start: str, goal: str) -> list[str]:
    """A route with the fewest links, ignoring travel times; raises NoRoute."""
    _check(net, start, goal)
    parent: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        stop = queue.popleft()
        if stop == goal:
            break
        for nxt, _ in net.links_from(stop):
            if nxt not in parent:
                parent[nxt] = stop
                queue.append(nxt)
    if goal not in parent:
        raise NoRoute(f"no route from {start} to {goal}")
    return _walk_back(parent, goal)


def _walk_back(parent: dict[str, str | None], goal: str) -> list[str]:
    path = [goal]
    while parent[path[-1]] is not None:
        path.append(parent[path[-1]])  # type: ignore[arg-type]
    path.reverse()
    return path


def _dijkstra(net: Network, start: str) -> tuple[dict[str, float], dict[str, str | None]]:
    """Fastest times from `start` to every reachable stop, and each stop's previous stop."""
    best: dict[str, float] = {start: 0.0}
    parent: dict[str, str | None] = {start: None}
    settled: set[str] = set()
    heap: list[tuple[float, str]] = [(0.0, start)]
    while heap:
        _, stop = heapq.heappop(heap)
        if stop in settled:
            continue
        settled.add(stop)
        for nxt, minutes in net.links_from(stop):
            total = best[stop] + minutes
            if total < best.get(nxt, INF):
                best[nxt] = total
                parent[nxt] = stop
                heapq.heappush(heap, (minutes, nxt))
    return best, parent


def travel_times(net: Network, start: str) -> dict[str, float]:
    """Fastest travel time from `start` to every reachable stop (start itself is 0)."""
    _check(net, start)
    best, _ = _dijkstra(net, start)
    return dict(sorted(best.items()))


def fastest_route(net: Network, start: str, goal: str) -> Route:
    """The quickest route from `start` to `goal`; raises NoRoute."""
    _check(net, start, goal)
    best, parent = _dijkstra(net, start)
    if goal not in best:
        raise NoRoute(f"no route from {start} to {goal}")
    return Route(_walk_back(parent, goal), best[goal])


def route_minutes(net: Network, stops: list[str]) -> float:
    """Total time along a given sequence of stops; KeyError if a link is missing."""
    total = 0.0
    for a, b in zip(stops, stops[1:]):
        if not net.has_link(a, b):
            raise KeyError(f"no link {a} -> {b}")
        total += net.minutes(a, b)
    return total


def within(net: Network, start: str, minutes: float) -> list[str]:
    """Stops reachable from `start` in at most `minutes`, nearest first (ties by name)."""
    times = travel_times(net, start)
    close = [(t, stop) for stop, t in times.items() if t <= minutes]
    return [stop for _, stop in sorted(close)]


def isolated_stops(net: Network) -> list[str]:
    """Stops with no link in or out."""
    touched: set[str] = set()
    for stop in net.stops():
        for nxt, _ in net.links_from(stop):
            touched.update((stop, nxt))
    return [stop for stop in net.stops() if stop not in touched]


def strongly_connected(net: Network) -> list[list[str]]:
    """Groups of stops that can all reach each other, each sorted, largest group first."""
    rev = net.reversed()
    remaining = set(net.stops())
    groups = []
    while remaining:
        stop = min(remaining)
        group = reachable(net, stop) & reachable(rev, stop) & remaining
        groups.append(sorted(group))
        remaining -= group
    groups.sort(key=lambda g: (-len(g), g))
    return groups


def has_cycle(net: Network) -> bool:
    """True when some stop can be left and come back to by following links."""
    white, grey, black = 0, 1, 2
    colour = {stop: white for stop in net.stops()}

    def visit(stop: str) -> bool:
        colour[stop] = grey
        for nxt, _ in net.links_from(stop):
            if colour[nxt] == grey:
                return True
            if colour[nxt] == white and visit(nxt):
                return True
        colour[stop] = black
        return False

    return any(colour[stop] == white and visit(stop) for stop in net.stops())


def eccentricity(net: Network, start: str) -> float:
    """The longest fastest-time from `start` to any stop; INF when some stop is unreachable."""
    times = travel_times(net, start)
    if len(times) < len(net.stops()):
        return INF
    return max(times.values())


def central_stop(net: Network) -> str:
    """The stop whose eccentricity is smallest (first by name on a tie)."""
    stops = net.stops()
    if not stops:
        raise ValueError("empty network")
    return min(stops, key=lambda stop: (eccentricity(net, stop), stop))


def detour_minutes(net: Network, start: str, via: str, goal: str) -> float:
    """Extra time for going through `via` instead of the fastest direct route."""
    direct = fastest_route(net, start, goal).minutes
    through = fastest_route(net, start, via).minutes + fastest_route(net, via, goal).minutes
    return through - direct


def all_routes(net: Network, start: str, goal: str, max_hops: int = 6) -> list[Route]:
    """Every route without repeated stops and with at most `max_hops` links, fastest first."""
    _check(net, start, goal)
    found: list[Route] = []

    def extend(path: list[str], minutes: float) -> None:
        stop = path[-1]
        if stop == goal:
            found.append(Route(list(path), minutes))
            return
        if len(path) > max_hops:
            return
        for nxt, step in net.links_from(stop):
            if nxt not in path:
                path.append(nxt)
                extend(path, minutes + step)
                path.pop()

    extend([start], 0.0)
    found.sort(key=lambda r: (r.minutes, r.hops, r.stops))
    return found


def within_hops(net: Network, start: str, hops: int) -> list[str]:
    """Stops that can be reached from `start` in at most `hops` links, in breadth-first order."""
    _check(net, start)
    depth = {start: 0}
    order = [start]
    queue = deque([start])
    while queue:
        stop = queue.popleft()
        if depth[stop] == hops:
            continue
        for nxt, _ in net.links_from(stop):
            if nxt not in depth:
                depth[nxt] = depth[stop] + 1
                order.append(nxt)
                queue.append(nxt)
    return order


def fastest_tree(net: Network, start: str) -> dict[str, str]:
    """For every stop reachable from `start`, the stop before it on its fastest route."""
    _check(net, start)
    _, parent = _dijkstra(net, start)
    return {stop: prev for stop, prev in sorted(parent.items()) if prev is not None}


def longest_leg(net: Network, route: list[str]) -> tuple[str, str, float]:
    """The slowest single link along a route, as (from, to, minutes)."""
    if len(route) < 2:
        raise ValueError("a route needs at least two stops")
    legs = [(a, b, net.minutes(a, b)) for a, b in zip(route, route[1:])]
    return max(legs, key=lambda leg: leg[2])


def easiest_route(net: Network, start: str, goal: str) -> list[str]:
    """The route whose slowest link is as quick as possible (for walkers and wheelchairs).

    Ties are broken by the number of links, then by the stop names.
    """
    _check(net, start, goal)
    heap: list[tuple[float, int, list[str]]] = [(0.0, 0, [start])]
    done: set[str] = set()
    while heap:
        worst, hops, path = heapq.heappop(heap)
        stop = path[-1]
        if stop == goal:
            return path
        if stop in done:
            continue
        done.add(stop)
        for nxt, minutes in net.links_from(stop):
            if nxt not in done:
                heapq.heappush(heap, (max(worst, minutes), hops + 1, path + [nxt]))
    raise NoRoute(f"no route from {start} to {goal}")


def timetable(net: Network, route: list[str], depart: int, dwell: int = 1) -> list[tuple[str, str]]:
    """Arrival times ('HH:MM') at each stop of a route leaving at `depart` minutes after midnight.

    The vehicle waits `dwell` minutes at every intermediate stop.
    """
    now = depart
    times = [(route[0], _clock(now))]
    for i, (a, b) in enumerate(zip(route, route[1:])):
        now += net.minutes(a, b)
        times.append((b, _clock(now)))
        if i < len(route) - 2:
            now += dwell
    return times


def _clock(minutes: float) -> str:
    whole = int(round(minutes)) % (24 * 60)
    return f"{whole // 60:02d}:{whole % 60:02d}"


def summary(net: Network) -> dict[str, float]:
    """Counts and travel-time figures for the network overview page."""
    links = [(a, b, m) for a in net.stops() for b, m in net.links_from(a)]
    return {
        "stops": len(net.stops()),
        "links": len(links),
        "isolated": len(isolated_stops(net)),
        "slowest_link": max((m for _, _, m in links), default=0.0),
        "groups": len(strongly_connected(net)),
    }
