"""Shipping zones by destination country."""

from __future__ import annotations

HOME_COUNTRY = "DE"

ZONES: dict[str, set[str]] = {
    "eu": {"AT", "BE", "DK", "ES", "FR", "IT", "NL", "PL", "PT", "SE"},
    "europe": {"CH", "GB", "NO", "IS"},
    "north_america": {"US", "CA", "MX"},
}


class UnknownDestination(ValueError):
    pass


def zone_for(country: str) -> str:
    """The zone name for an ISO country code; "domestic" for the home country.

    Countries that are in no zone are shipped as "world".
    """
    code = country.strip().upper()
    if len(code) != 2 or not code.isalpha():
        raise UnknownDestination(country)
    if code == HOME_COUNTRY:
        return "domestic"
    for zone, members in ZONES.items():
        if code in members:
            return zone
    return "world"
