"""Delivery zones from postcodes.

Zone 1 is local, 2 national, 3 islands. The shop only ships within the country.
"""

from __future__ import annotations

ISLAND_PREFIXES = ("20", "97")
LOCAL_PREFIXES = ("75", "92", "93", "94")


def zone_for(postcode: str) -> int:
    code = postcode.strip()
    if len(code) != 5 or not code.isdigit():
        raise ValueError(f"bad postcode {postcode!r}")
    if code.startswith(ISLAND_PREFIXES):
        return 3
    if code.startswith(LOCAL_PREFIXES):
        return 1
    return 2
