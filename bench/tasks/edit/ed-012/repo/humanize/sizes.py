"""Byte counts and transfer rates."""

from __future__ import annotations

PREFIXES = ("B", "KiB", "MiB", "GiB", "TiB")


def format_bytes(count: float) -> str:
    """1536 -> '1.5 KiB'; whole bytes stay whole."""
    if count < 0:
        raise ValueError("byte count must not be negative")
    size = float(count)
    for prefix in PREFIXES:
        if size < 1024 or prefix == PREFIXES[-1]:
            if prefix == "B":
                return f"{int(size)} B"
            return f"{size:.1f} {prefix}"
        size /= 1024
    raise AssertionError("unreachable")


def format_rate(count: float, seconds: float) -> str:
    """Bytes per second, e.g. '2.0 MiB/s'; '-' when no time has passed."""
    if seconds <= 0:
        return "-"
    return f"{format_bytes(count / seconds)}/s"
