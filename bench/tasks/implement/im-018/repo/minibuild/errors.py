"""Errors reported by minibuild."""

from __future__ import annotations


class BuildError(Exception):
    """Base class."""


class CycleError(BuildError):
    """The dependency graph has a cycle; `targets` are the ones that could not be ordered."""

    def __init__(self, targets: list[str]) -> None:
        super().__init__("dependency cycle among: " + ", ".join(targets))
        self.targets = targets


class RuleSyntaxError(BuildError):
    def __init__(self, line_no: int, line: str) -> None:
        super().__init__(f"line {line_no}: expected 'target: deps...', got {line!r}")
        self.line_no = line_no
