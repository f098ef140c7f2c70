"""Paths and orders on a `Graph`.

Ties between equally short paths are broken by visiting neighbours in name
order, so results are deterministic.
"""

from __future__ import annotations

import heapq
from collections import deque

from . import errors
from .graph import Graph


def _check(graph: Graph, *nodes: str) -> None:
    for node in nodes:
        if node not in graph:
            raise errors.UnknownNode(node)


def bfs_path(graph: Graph, start: str, goal: str) -> list[str] | None:
    """The path with the fewest edges (weights ignored), or None when unreachable."""
    _check(graph, start, goal)
    parent: dict[str, str | None] = {start: None}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if node == goal:
            break
        for nxt in sorted(graph.neighbors(node)):
            if nxt not in parent:
                parent[nxt] = node
                queue.append(nxt)
    if goal not in parent:
        return None
    path = [goal]
    while parent[path[-1]] is not None:
        path.append(parent[path[-1]])
    return path[::-1]


def dijkstra(graph: Graph, start: str) -> tuple[dict[str, float], dict[str, str]]:
    """Distances from `start` to every reachable node, and each node's predecessor."""
    _check(graph, start)
    dist: dict[str, float] = {start: 0.0}
    previous: dict[str, str] = {}
    heap: list[tuple[float, str]] = [(0.0, start)]
    done: set[str] = set()
    while heap:
        d, node = heapq.heappop(heap)
        if node in done:
            continue
        done.add(node)
        for nxt, weight in sorted(graph.neighbors(node).items()):
            nd = d + weight
            if nxt not in dist or nd < dist[nxt]:
                dist[nxt] = nd
                previous[nxt] = node
                heapq.heappush(heap, (nd, nxt))
    return dist, previous


def shortest_path(graph: Graph, start: str, goal: str) -> tuple[float, list[str]]:
    """The cheapest path from `start` to `goal` and its cost.

    Raises an error of the package when `goal` cannot be reached from `start`.
    """
    _check(graph, start, goal)
    dist, previous = dijkstra(graph, start)
    if goal not in dist:
        raise errors.Unreachable(start, goal)
    path = [goal]
    while path[-1] != start:
        path.append(previous[path[-1]])
    return dist[goal], path[::-1]


def reachable(graph: Graph, start: str) -> list[str]:
    """Every node reachable from `start` (itself included), sorted."""
    return sorted(dijkstra(graph, start)[0])


def eccentricity(graph: Graph, node: str) -> float:
    """The largest shortest-path distance from `node`; inf when some node is unreachable."""
    dist, _ = dijkstra(graph, node)
    if len(dist) < len(graph.nodes()):
        return float("inf")
    return max(dist.values())


def components(graph: Graph) -> list[list[str]]:
    """Connected components of an undirected graph, each sorted, in order of their first node."""
    if graph.directed:
        raise errors.GraphError("components are defined for undirected graphs")
    seen: set[str] = set()
    result = []
    for node in graph.nodes():
        if node in seen:
            continue
        group = reachable(graph, node)
        seen.update(group)
        result.append(group)
    return result


def topological_order(graph: Graph) -> list[str]:
    """Nodes of a directed graph so that every edge goes forward (Kahn's algorithm).

    Among nodes that are ready at the same time, the smallest name comes first.
    Raises `errors.CycleError` on a cycle.
    """
    if not graph.directed:
        raise errors.GraphError("a topological order needs a directed graph")
    indegree = {node: 0 for node in graph.nodes()}
    for _, b, _ in graph.edges():
        indegree[b] += 1
    ready = [node for node, deg in indegree.items() if deg == 0]
    heapq.heapify(ready)
    order = []
    while ready:
        node = heapq.heappop(ready)
        order.append(node)
        for nxt in graph.neighbors(node):
            indegree[nxt] -= 1
            if indegree[nxt] == 0:
                heapq.heappush(ready, nxt)
    if len(order) != len(indegree):
        raise errors.CycleError("the graph has a cycle")
    return order


def route_cost(graph: Graph, route: list[str]) -> float:
    """The total weight of following `route` edge by edge; GraphError when an edge is missing."""
    _check(graph, *route)
    total = 0.0
    for a, b in zip(route, route[1:]):
        weights = graph.neighbors(a)
        if b not in weights:
            raise errors.GraphError(f"no edge {a!r} -> {b!r}")
        total += weights[b]
    return total
