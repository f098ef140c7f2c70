"""The network: stops joined by links with a travel time in minutes.

Links are directed (a one-way street is a link one way only); `link_both`
adds a link in each direction.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Iterator


class Network:
    def __init__(self) -> None:
        self._out: dict[str, dict[str, float]] = defaultdict(dict)
        self._stops: set[str] = set()

    def add_stop(self, stop: str) -> None:
        self._stops.add(stop)

    def link(self, a: str, b: str, minutes: float) -> None:
        """A link from `a` to `b`; a second link between the same stops replaces the first."""
        if minutes < 0:
            raise ValueError(f"negative travel time {minutes} on {a}->{b}")
        self._stops.update((a, b))
        self._out[a][b] = minutes

    def link_both(self, a: str, b: str, minutes: float) -> None:
        self.link(a, b, minutes)
        self.link(b, a, minutes)

    def unlink(self, a: str, b: str) -> None:
        self._out[a].pop(b, None)

    def stops(self) -> list[str]:
        return sorted(self._stops)

    def links_from(self, stop: str) -> Iterator[tuple[str, float]]:
        """(next stop, minutes) pairs, in name order so results are reproducible."""
        yield from sorted(self._out.get(stop, {}).items())

    def minutes(self, a: str, b: str) -> float:
        return self._out[a][b]

    def has_link(self, a: str, b: str) -> bool:
        return b in self._out.get(a, {})

    def reversed(self) -> "Network":
        """The same stops with every link pointing the other way."""
        rev = Network()
        for stop in self._stops:
            rev.add_stop(stop)
        for a, targets in self._out.items():
            for b, minutes in targets.items():
                rev.link(b, a, minutes)
        return rev

    @classmethod
    def from_lines(cls, text: str) -> "Network":
        """Parse 'A > B 5' (one way) and 'A - B 5' (both ways) lines; '#' starts a comment."""
        net = cls()
        for raw in text.splitlines():
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            a, arrow, b, minutes = line.split()
            if arrow == ">":
                net.link(a, b, float(minutes))
            elif arrow == "-":
                net.link_both(a, b, float(minutes))
            else:
                raise ValueError(f"bad link line: {raw!r}")
        return net
