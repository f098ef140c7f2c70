"""Semantic versions: MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD].

Ordering follows the semantic versioning rules:

1. Compare major, minor and patch numerically (1.10.0 > 1.9.0).
2. A version with a pre-release is lower than the same version without
   one (1.0.0-rc.1 < 1.0.0).
3. Two pre-releases are compared identifier by identifier, left to right:
   identifiers made only of digits compare numerically (rc.10 > rc.9),
   others compare as text (alpha < beta), and a numeric identifier is lower
   than a text one (1.0.0-1 < 1.0.0-alpha). When all shared identifiers are
   equal, the one with more identifiers is higher (alpha.1 > alpha).
4. Build metadata is ignored for ordering and equality.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

_VERSION = re.compile(
    r"^v?(?P<major>0|[1-9]\d*)\.(?P<minor>0|[1-9]\d*)\.(?P<patch>0|[1-9]\d*)"
    r"(?:-(?P<pre>[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?"
    r"(?:\+(?P<build>[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$"
)


class InvalidVersion(ValueError):
    pass


def _compare_identifiers(a: str, b: str) -> int:
    """-1, 0 or 1 for two pre-release identifiers."""
    if a == b:
        return 0
    return -1 if a < b else 1


def _compare_prerelease(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    if a == b:
        return 0
    if not a:
        return 1  # a release is higher than any of its pre-releases
    if not b:
        return -1
    for x, y in zip(a, b):
        result = _compare_identifiers(x, y)
        if result:
            return result
    return (len(a) > len(b)) - (len(a) < len(b))


@functools.total_ordering
@dataclass(frozen=True)
class Version:
    major: int
    minor: int
    patch: int
    prerelease: tuple[str, ...] = ()
    build: tuple[str, ...] = field(default=(), compare=False)

    @classmethod
    def parse(cls, text: str) -> "Version":
        match = _VERSION.match(text.strip())
        if not match:
            raise InvalidVersion(f"not a semantic version: {text!r}")
        pre = tuple(match["pre"].split(".")) if match["pre"] else ()
        build = tuple(match["build"].split(".")) if match["build"] else ()
        return cls(int(match["major"]), int(match["minor"]), int(match["patch"]), pre, build)

    def __str__(self) -> str:
        text = f"{self.major}.{self.minor}.{self.patch}"
        if self.prerelease:
            text += "-" + ".".join(self.prerelease)
        if self.build:
            text += "+" + ".".join(self.build)
        return text

    def _compare(self, other: "Version") -> int:
        mine = (self.major, self.minor, self.patch)
        theirs = (other.major, other.minor, other.patch)
        if mine != theirs:
            return -1 if mine < theirs else 1
        return _compare_prerelease(self.prerelease, other.prerelease)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Version):
            return NotImplemented
        return self._compare(other) == 0

    def __lt__(self, other: "Version") -> bool:
        return self._compare(other) < 0

    def __hash__(self) -> int:
        return hash((self.major, self.minor, self.patch, self.prerelease))

    @property
    def is_prerelease(self) -> bool:
        return bool(self.prerelease)

    def release(self) -> "Version":
        """The version without pre-release and build parts."""
        return Version(self.major, self.minor, self.patch)

    def bump_major(self) -> "Version":
        return Version(self.major + 1, 0, 0)

    def bump_minor(self) -> "Version":
        return Version(self.major, self.minor + 1, 0)

    def bump_patch(self) -> "Version":
        """1.2.3 -> 1.2.4, but 1.2.4-rc.1 -> 1.2.4 (the release it was leading to)."""
        if self.prerelease:
            return self.release()
        return Version(self.major, self.minor, self.patch + 1)

    def bump_prerelease(self, label: str = "rc") -> "Version":
        """1.2.3 -> 1.2.4-rc.1; 1.2.4-rc.1 -> 1.2.4-rc.2."""
        if not self.prerelease:
            return Version(self.major, self.minor, self.patch + 1, (label, "1"))
        *head, last = self.prerelease
        if last.isdigit():
            return Version(self.major, self.minor, self.patch, (*head, str(int(last) + 1)))
        return Version(self.major, self.minor, self.patch, (*self.prerelease, "1"))


def parse_many(texts: list[str]) -> list[Version]:
    return [Version.parse(t) for t in texts]


def latest(versions: list[Version], include_prereleases: bool = False) -> Version | None:
    """The highest version, skipping pre-releases unless asked for."""
    pool = [v for v in versions if include_prereleases or not v.is_prerelease]
    return max(pool, default=None)


def sort_versions(texts: list[str]) -> list[str]:
    """Version strings in ascending order (as written)."""
    return sorted(texts, key=Version.parse)
