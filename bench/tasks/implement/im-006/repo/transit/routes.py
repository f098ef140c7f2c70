"""Route finding on a Network."""

from __future__ import annotations

from .network import Network, UnknownStation


def reachable(net: Network, start: str) -> set[str]:
    """Every station reachable from `start`, including `start`."""
    seen = {start}
    stack = [start]
    while stack:
        for nxt in net.neighbors(stack.pop()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


def shortest_route(net: Network, start: str, goal: str) -> list[str] | None:
    """The route with the fewest hops from `start` to `goal`, as a list of stations.

    The list begins with `start` and ends with `goal`; a route from a station to
    itself is just `[start]`. Returns None when `goal` cannot be reached.
    Links are followed with `Network.neighbors` (transit/network.py), which
    respects one-way links. Raises UnknownStation if either station is not in
    the network.
    """
    raise NotImplementedError


def hops(net: Network, start: str, goal: str) -> int | None:
    """Number of links on the shortest route, or None when unreachable."""
    route = shortest_route(net, start, goal)
    return None if route is None else len(route) - 1


def describe_route(net: Network, start: str, goal: str) -> str:
    route = shortest_route(net, start, goal)
    if route is None:
        return f"No route from {start} to {goal}."
    if len(route) == 1:
        return f"You are already at {start}."
    return f"{' -> '.join(route)} ({len(route) - 1} stops)"


def components(net: Network) -> list[list[str]]:
    """Groups of stations connected to each other (following links both ways)."""
    undirected = Network()
    for name in net.stations():
        undirected.add_station(name)
        for nxt in net.neighbors(name):
            undirected.link(name, nxt)
    left = set(undirected.stations())
    groups = []
    while left:
        first = min(left)
        group = reachable(undirected, first)
        groups.append(sorted(group))
        left -= group
    return groups
