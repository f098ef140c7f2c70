"""Resource records and name handling."""

from __future__ import annotations

from dataclasses import dataclass

RECORD_TYPES = ("A", "AAAA", "CNAME", "MX", "TXT")


@dataclass(frozen=True)
class Record:
    """One answer from upstream: `data` is the address, target or text."""

    name: str
    rtype: str
    data: str
    ttl: int = 300

    def __post_init__(self) -> None:
        if self.rtype not in RECORD_TYPES:
            raise ValueError(f"unsupported record type {self.rtype}")
        if self.ttl < 0:
            raise ValueError("ttl must not be negative")


def normalize_name(name: str) -> str:
    """Lower-case a domain name and drop the trailing root dot."""
    name = name.strip().lower()
    if name.endswith("."):
        name = name[:-1]
    if not name or any(not label for label in name.split(".")):
        raise ValueError(f"bad domain name {name!r}")
    return name
