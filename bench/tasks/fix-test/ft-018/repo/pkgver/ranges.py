"""Version constraints as plugins declare them: '>=1.2.0, <2.0.0', '^1.4.0', '~0.3.1'."""

from __future__ import annotations

import operator
from typing import Callable

from .versions import Version

_OPS: dict[str, Callable[[Version, Version], bool]] = {
    ">=": operator.ge,
    "<=": operator.le,
    ">": operator.gt,
    "<": operator.lt,
    "==": operator.eq,
    "!=": operator.ne,
}


def _expand(part: str) -> list[tuple[str, Version]]:
    part = part.strip()
    if part.startswith("^"):
        low = Version.parse(part[1:])
        if low.major > 0:
            high = low.bump_major()
        elif low.minor > 0:
            high = low.bump_minor()
        else:
            high = low.bump_patch()
        return [(">=", low), ("<", high)]
    if part.startswith("~"):
        low = Version.parse(part[1:])
        return [(">=", low), ("<", low.bump_minor())]
    for symbol in (">=", "<=", "==", "!=", ">", "<"):
        if part.startswith(symbol):
            return [(symbol, Version.parse(part[len(symbol):]))]
    return [("==", Version.parse(part))]


class Constraint:
    def __init__(self, text: str) -> None:
        self.text = text
        self.clauses = [clause for part in text.split(",") if part.strip() for clause in _expand(part)]

    def __repr__(self) -> str:
        return f"Constraint({self.text!r})"

    def allows(self, version: Version) -> bool:
        """True when every clause holds; pre-releases only match a clause that names one."""
        if version.is_prerelease and not any(
            v.is_prerelease and v.release() == version.release() for _, v in self.clauses
        ):
            return False
        return all(_OPS[op](version, bound) for op, bound in self.clauses)

    def best(self, available: list[Version]) -> Version | None:
        """The highest available version the constraint allows."""
        return max((v for v in available if self.allows(v)), default=None)
