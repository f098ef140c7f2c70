"""Dotted-quad IPv4 addresses as integers."""

from __future__ import annotations

MAX = 2**32 - 1


def ip_to_int(text: str) -> int:
    parts = text.strip().split(".")
    if len(parts) != 4 or not all(p.isdigit() and 0 <= int(p) <= 255 for p in parts):
        raise ValueError(f"not an IPv4 address: {text!r}")
    value = 0
    for part in parts:
        value = value * 256 + int(part)
    return value


def int_to_ip(value: int) -> str:
    if not 0 <= value <= MAX:
        raise ValueError(f"out of range: {value}")
    return ".".join(str((value >> shift) & 255) for shift in (24, 16, 8, 0))
