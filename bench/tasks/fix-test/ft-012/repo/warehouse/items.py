"""The catalogue: what each stocked item is and how it is used up."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Item:
    sku: str
    name: str
    unit_cost: Decimal
    daily_usage: float  # average units shipped per day
    lead_time_days: int  # days between ordering and the delivery arriving
    safety_days: int = 3  # extra days of stock kept against surprises
    case_size: int = 1  # suppliers only sell whole cases

    def __post_init__(self) -> None:
        if self.case_size < 1:
            raise ValueError("case size must be at least 1")
        if self.daily_usage < 0 or self.lead_time_days < 0 or self.safety_days < 0:
            raise ValueError("usage and days cannot be negative")
