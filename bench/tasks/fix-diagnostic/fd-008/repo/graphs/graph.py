"""Adjacency-list graphs with non-negative edge weights."""

from __future__ import annotations

from .errors import UnknownNode


class Graph:
    def __init__(self, directed: bool = False) -> None:
        self.directed = directed
        self._adj: dict[str, dict[str, float]] = {}

    def add_node(self, node: str) -> None:
        self._adj.setdefault(node, {})

    def add_edge(self, a: str, b: str, weight: float = 1.0) -> None:
        if weight < 0:
            raise ValueError("weights must not be negative")
        self.add_node(a)
        self.add_node(b)
        self._adj[a][b] = weight
        if not self.directed:
            self._adj[b][a] = weight

    def neighbors(self, node: str) -> dict[str, float]:
        try:
            return self._adj[node]
        except KeyError:
            raise UnknownNode(node) from None

    def nodes(self) -> list[str]:
        return sorted(self._adj)

    def __contains__(self, node: str) -> bool:
        return node in self._adj

    def edges(self) -> list[tuple[str, str, float]]:
        seen = []
        for a in self.nodes():
            for b, w in sorted(self._adj[a].items()):
                if self.directed or a <= b:
                    seen.append((a, b, w))
        return seen
