"""Base rates per zone and weight."""

from __future__ import annotations

# zone -> list of (max kg, price in cents), lightest first
RATE_TABLE: dict[str, list[tuple[float, int]]] = {
    "domestic": [(2, 499), (5, 699), (10, 999), (31.5, 1699)],
    "eu": [(2, 1399), (5, 1799), (10, 2499), (31.5, 4199)],
    "europe": [(2, 1899), (5, 2399), (10, 3299), (31.5, 5499)],
    "north_america": [(2, 3499), (5, 4999), (10, 7499), (31.5, 11999)],
    "world": [(2, 3999), (5, 5999), (10, 8999), (31.5, 14999)],
}


class TooHeavy(ValueError):
    pass


def rate_for(zone: str, weight_kg: float) -> int:
    """The base price in cents for a parcel of `weight_kg` to `zone`."""
    for max_kg, price in RATE_TABLE[zone]:
        if weight_kg <= max_kg:
            return price
    raise TooHeavy(f"{weight_kg} kg is over the {RATE_TABLE[zone][-1][0]} kg limit")
