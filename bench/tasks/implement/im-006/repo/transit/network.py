"""The network graph: stations joined by links."""

from __future__ import annotations


class UnknownStation(KeyError):
    """Raised when a station is not part of the network."""


class Network:
    def __init__(self) -> None:
        self._links: dict[str, set[str]] = {}

    def add_station(self, name: str) -> None:
        self._links.setdefault(name, set())

    def link(self, a: str, b: str, one_way: bool = False) -> None:
        """Join two stations (both ways unless `one_way`)."""
        self.add_station(a)
        self.add_station(b)
        self._links[a].add(b)
        if not one_way:
            self._links[b].add(a)

    def has_station(self, name: str) -> bool:
        return name in self._links

    def stations(self) -> list[str]:
        return sorted(self._links)

    def neighbors(self, name: str) -> list[str]:
        """Stations reachable in one hop, sorted by name; UnknownStation if `name` is unknown."""
        if name not in self._links:
            raise UnknownStation(name)
        return sorted(self._links[name])

    def link_count(self) -> int:
        return sum(len(v) for v in self._links.values())
