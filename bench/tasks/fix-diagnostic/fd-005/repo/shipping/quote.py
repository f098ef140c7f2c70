"""Price quotes: a rate table per service, zone and weight band, plus surcharges.

Prices are integer cents. A rate table maps a zone to a list of
(max_kg, cents) bands in increasing weight; a parcel pays the first band
whose max_kg is at least its billable weight.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .parcel import Parcel
from .zones import zone_for

Bands = list[tuple[float, int]]

STANDARD_RATES: dict[int, Bands] = {
    1: [(1.0, 490), (5.0, 790), (20.0, 1490)],
    2: [(1.0, 590), (5.0, 990), (20.0, 1890)],
    3: [(1.0, 1290), (5.0, 2190), (20.0, 3990)],
}

EXPRESS_RATES: dict[int, Bands] = {
    1: [(1.0, 990), (5.0, 1490), (20.0, 2490)],
    2: [(1.0, 1190), (5.0, 1790), (20.0, 2990)],
}

OVERSIZE_CM = 100
OVERSIZE_SURCHARGE = 1500
FRAGILE_SURCHARGE = 300


class NoRate(Exception):
    """The service does not carry this parcel to this zone."""


@dataclass(frozen=True)
class Quote:
    service: str
    zone: int
    base_cents: int
    surcharges: dict[str, int] = field(default_factory=dict)

    @property
    def total_cents(self) -> int:
        return self.base_cents + sum(self.surcharges.values())

    def describe(self) -> str:
        extras = "".join(f" + {name} {cents / 100:.2f}" for name, cents in sorted(self.surcharges.items()))
        return f"{self.service} zone {self.zone}: {self.base_cents / 100:.2f}{extras} = {self.total_cents / 100:.2f}"


def band_price(bands: Bands, kg: float) -> int | None:
    """The price of the first band that fits `kg`, or None when it is too heavy."""
    for max_kg, cents in bands:
        if kg <= max_kg:
            return cents
    return None


class QuoteEngine:
    """Quotes for one shop; services can be added with their own rate table."""

    def __init__(self) -> None:
        self.rate_table: dict[str, dict[int, Bands]] = {
            "standard": STANDARD_RATES,
            "express": EXPRESS_RATES,
        }

    def add_service(self, name: str, rates: dict[int, Bands]) -> None:
        if name in self.rate_table:
            raise ValueError(f"service {name} already exists")
        self.rate_table[name] = rates

    def services(self) -> list[str]:
        return sorted(self.rate_table)

    def quote(self, service: str, parcel: Parcel, postcode: str, fragile: bool = False) -> Quote:
        """Price `parcel` sent with `service` to `postcode`; raises NoRate when not carried."""
        if service not in self.rate_table:
            raise KeyError(service)
        zone = zone_for(postcode)
        bands = rate_table[service].get(zone)
        if bands is None:
            raise NoRate(f"{service} does not deliver to zone {zone}")
        base = band_price(bands, parcel.billable_kg)
        if base is None:
            raise NoRate(f"{parcel.billable_kg:.1f} kg is too heavy for {service}")
        surcharges = {}
        if parcel.longest_side > OVERSIZE_CM:
            surcharges["oversize"] = OVERSIZE_SURCHARGE
        if fragile:
            surcharges["fragile"] = FRAGILE_SURCHARGE
        return Quote(service, zone, base, surcharges)

    def all_quotes(self, parcel: Parcel, postcode: str, fragile: bool = False) -> list[Quote]:
        """Quotes of every service that carries the parcel, cheapest first (then by name)."""
        quotes = []
        for service in self.services():
            try:
                quotes.append(self.quote(service, parcel, postcode, fragile))
            except NoRate:
                continue
        return sorted(quotes, key=lambda q: (q.total_cents, q.service))

    def cheapest(self, parcel: Parcel, postcode: str, fragile: bool = False) -> Quote:
        quotes = self.all_quotes(parcel, postcode, fragile)
        if not quotes:
            raise NoRate("no service carries this parcel")
        return quotes[0]

    def split_cost(self, parcels: list[Parcel], postcode: str, service: str = "standard") -> int:
        """Total cents to send each parcel separately with one service."""
        return sum(self.quote(service, parcel, postcode).total_cents for parcel in parcels)
