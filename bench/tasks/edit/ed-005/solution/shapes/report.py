"""Text summary of a floor plan for facilities staff."""

from __future__ import annotations

from .floorplan import FloorPlan


def room_table(plan: FloorPlan) -> list[str]:
    """One line per room, largest first: name, usage, area and perimeter."""
    rows = sorted(plan.rooms, key=lambda room: room.shape.area, reverse=True)
    lines = [f"{'Room':<12} {'Usage':<10} {'Area m2':>8} {'Walls m':>8}"]
    for room in rows:
        lines.append(f"{room.name:<12} {room.usage:<10} {room.shape.area:>8.1f} {room.shape.perimeter():>8.1f}")
    return lines


def summary(plan: FloorPlan) -> str:
    lines = [f"Level {plan.level}: {len(plan.rooms)} rooms, {plan.total_area():.1f} m2"]
    lines += room_table(plan)
    lines.append(f"Desk capacity: {plan.desk_capacity()}")
    return "\n".join(lines)
