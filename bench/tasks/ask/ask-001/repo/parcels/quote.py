"""Turning a parcel and a destination into a price quote."""

from __future__ import annotations

import math
from dataclasses import dataclass

from .rates import rate_for
from .zones import zone_for

VOLUMETRIC_DIVISOR = 5000  # cm^3 per kg, the carriers' usual figure
FUEL_SURCHARGE_PERCENT = 8
INSURANCE_PERCENT = 1
MIN_INSURANCE_CENTS = 150


@dataclass(frozen=True)
class Parcel:
    weight_kg: float
    length_cm: float
    width_cm: float
    height_cm: float
    declared_value_cents: int = 0

    def volume_cm3(self) -> float:
        return self.length_cm * self.width_cm * self.height_cm


@dataclass(frozen=True)
class Quote:
    zone: str
    billable_kg: float
    base_cents: int
    surcharge_cents: int
    insurance_cents: int

    @property
    def total_cents(self) -> int:
        return self.base_cents + self.surcharge_cents + self.insurance_cents

    def lines(self) -> list[str]:
        rows = [
            f"zone: {self.zone}",
            f"billable weight: {self.billable_kg:.1f} kg",
            f"base: {self.base_cents / 100:.2f}",
            f"fuel surcharge: {self.surcharge_cents / 100:.2f}",
        ]
        if self.insurance_cents:
            rows.append(f"insurance: {self.insurance_cents / 100:.2f}")
        rows.append(f"total: {self.total_cents / 100:.2f}")
        return rows


def billable_weight(parcel: Parcel) -> float:
    """The larger of the real weight and the volumetric weight, rounded up to 0.5 kg."""
    volumetric = parcel.volume_cm3() / VOLUMETRIC_DIVISOR
    heavier = max(parcel.weight_kg, volumetric)
    return math.ceil(heavier * 2) / 2


def insurance_for(parcel: Parcel, insured: bool) -> int:
    if not insured or parcel.declared_value_cents <= 0:
        return 0
    return max(MIN_INSURANCE_CENTS, parcel.declared_value_cents * INSURANCE_PERCENT // 100)


class Quoter:
    """Quotes parcels; the surcharge can be changed when fuel prices move."""

    def __init__(self, fuel_surcharge_percent: int = FUEL_SURCHARGE_PERCENT) -> None:
        self.fuel_surcharge_percent = fuel_surcharge_percent
        self.quotes_made = 0

    def quote(self, parcel: Parcel, country: str, insured: bool = False) -> Quote:
        zone = zone_for(country)
        weight = billable_weight(parcel)
        base = rate_for(zone, weight)
        surcharge = base * self.fuel_surcharge_percent // 100
        self.quotes_made += 1
        return Quote(zone, weight, base, surcharge, insurance_for(parcel, insured))

    def cheapest_split(self, parcels: list[Parcel], country: str) -> int:
        """Total price when every parcel is sent separately."""
        return sum(self.quote(p, country).total_cents for p in parcels)
