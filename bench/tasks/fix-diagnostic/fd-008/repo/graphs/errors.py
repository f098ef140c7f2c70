"""Errors of the graph package."""

from __future__ import annotations


class GraphError(Exception):
    """Base class."""


class UnknownNode(GraphError, KeyError):
    def __init__(self, node: str) -> None:
        super().__init__(node)
        self.node = node

    def __str__(self) -> str:
        return f"unknown node {self.node!r}"


class Unreachable(GraphError):
    """There is no path from `start` to `goal`."""

    def __init__(self, start: str, goal: str) -> None:
        super().__init__(f"no path from {start!r} to {goal!r}")
        self.start = start
        self.goal = goal


class CycleError(GraphError):
    """A topological order was asked of a graph with a cycle."""
