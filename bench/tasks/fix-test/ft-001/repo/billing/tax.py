"""VAT rates by region and product category.

Each region has a standard rate and, for some categories, a reduced one.
Unknown categories fall back to the region's standard rate; an unknown
region is an error, because charging the wrong tax is worse than failing.
"""

from __future__ import annotations

from decimal import Decimal

STANDARD = "standard"

RATES: dict[str, dict[str, Decimal]] = {
    "DE": {STANDARD: Decimal("0.19"), "books": Decimal("0.07"), "food": Decimal("0.07")},
    "FR": {STANDARD: Decimal("0.20"), "books": Decimal("0.055"), "food": Decimal("0.055")},
    "NL": {STANDARD: Decimal("0.21"), "books": Decimal("0.09"), "food": Decimal("0.09")},
    "IE": {STANDARD: Decimal("0.23"), "books": Decimal("0"), "food": Decimal("0")},
}


class UnknownRegion(ValueError):
    """Raised for a region code that has no rate table."""


def regions() -> list[str]:
    return sorted(RATES)


def rate_for(region: str, category: str) -> Decimal:
    """The VAT rate for `category` in `region`, e.g. rate_for("DE", "books") == 0.07."""
    try:
        table = RATES[region.upper()]
    except KeyError:
        raise UnknownRegion(f"no VAT table for region {region!r}") from None
    return table.get(category.lower(), table[STANDARD])


def is_reduced(region: str, category: str) -> bool:
    """True when the category pays less than the region's standard rate."""
    return rate_for(region, category) < RATES[region.upper()][STANDARD]
