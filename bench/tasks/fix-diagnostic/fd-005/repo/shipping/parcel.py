"""Parcels and their billable weight."""

from __future__ import annotations

from dataclasses import dataclass

VOLUMETRIC_DIVISOR = 5000  # cm³ per kg, the carriers' usual rule


@dataclass(frozen=True)
class Parcel:
    weight_kg: float
    length_cm: float
    width_cm: float
    height_cm: float

    @property
    def volumetric_kg(self) -> float:
        return self.length_cm * self.width_cm * self.height_cm / VOLUMETRIC_DIVISOR

    @property
    def billable_kg(self) -> float:
        """Carriers bill the larger of the real and the volumetric weight."""
        return max(self.weight_kg, self.volumetric_kg)

    @property
    def longest_side(self) -> float:
        return max(self.length_cm, self.width_cm, self.height_cm)
