"""Floor plans: named rooms, each a polygon, measured in metres."""

from __future__ import annotations

from dataclasses import dataclass, field

from .polygon import Point, Polygon

# Office rules of thumb: square metres each person needs.
AREA_PER_DESK = 6.0


@dataclass
class Room:
    name: str
    shape: Polygon
    usage: str = "office"


@dataclass
class FloorPlan:
    level: int
    rooms: list[Room] = field(default_factory=list)

    def add(self, name: str, shape: Polygon, usage: str = "office") -> Room:
        if any(r.name == name for r in self.rooms):
            raise ValueError(f"room {name} already exists on level {self.level}")
        room = Room(name, shape, usage)
        self.rooms.append(room)
        return room

    def total_area(self) -> float:
        return sum(room.shape.area() for room in self.rooms)

    def area_by_usage(self) -> dict[str, float]:
        totals: dict[str, float] = {}
        for room in self.rooms:
            totals[room.usage] = totals.get(room.usage, 0.0) + room.shape.area()
        return totals

    def largest_room(self) -> Room | None:
        return max(self.rooms, key=lambda room: room.shape.area(), default=None)

    def desk_capacity(self) -> int:
        """Desks that fit in the office rooms."""
        return sum(int(room.shape.area() // AREA_PER_DESK) for room in self.rooms if room.usage == "office")

    def room_at(self, x: float, y: float) -> Room | None:
        point = Point(x, y)
        for room in self.rooms:
            if room.shape.contains(point):
                return room
        return None
