"""Names a stub's docstring points the implementation at, and the errors it promises.

A docstring that says "refill with `_refill(now)`" or "parse with `parse_amount` from
csvreport/parsing.py" tells the implementer which existing code to build on. Small models often
re-implement that code inline, slightly wrong, or forget a state change the docstring names
(`expired_count`), or an error it says is raised ("any other line raises ConfigError"). An
implementation that never mentions such a name is worth one more round with the name spelled
out; it is not a proof of a bug, so the engine asks only once per name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from .mutations import hide_strings_and_comments

# `name`, `Class.method`, `call(args)`: a reference to code, not a phrase such as `n == 0`.
_TICKED = re.compile(r"`([A-Za-z_][\w.]*)(?:\([^`]*\))?`")
_WORD = re.compile(r"[A-Za-z_]\w*")
# "Raises ValueError if", "raise InvalidTransition(state, event)", "throws RangeError".
_RAISES = re.compile(r"\b(?:[Rr]aise[sd]?|[Tt]hrows?|[Tt]hrown)\s+(?:an?\s+)?`?([A-Z]\w*)")


def pointed_names(stub: str, skip: Iterable[str]) -> list[str]:
    """Names in backticks in the stub's text (`Class.method` kept whole), in order, without
    duplicates and without those whose last part is in `skip` (parameters, its own name)."""
    skipped = set(skip)
    found: list[str] = []
    for match in _TICKED.finditer(stub):
        name = match.group(1).strip(".")
        if name and short(name) not in skipped and name not in found:
            found.append(name)
    return found


def documented_errors(doc: str) -> list[str]:
    """The error classes the docstring says are raised, in order."""
    found: list[str] = []
    for match in _RAISES.finditer(doc):
        if match.group(1) not in found:
            found.append(match.group(1))
    return found


def short(name: str) -> str:
    return name.rsplit(".", 1)[-1]


def doc_name_problems(
    doc: str,
    body: str,
    lang: str,
    skip: Iterable[str],
    known: Callable[[str], str | None],
    excused: Callable[[str, set[str]], bool],
) -> dict[str, str]:
    """{short name: message} for each name the stub's docstring points at that the workspace
    defines (`known` gets the name as written and returns where, or None) and `body` does not use,
    and for each error it promises that `body` never mentions, unless `excused` (given the error
    and the body's words: the error is unknown, or a function the body calls raises it)."""
    used = set(_WORD.findall(hide_strings_and_comments(body, lang)))
    problems = {}
    for name in pointed_names(doc, skip):
        if short(name) in used:
            continue
        where = known(name)
        if where is not None:
            problems[short(name)] = (
                f"the docstring points to `{name}` ({where}), but the code never uses it: "
                "use it as the docstring says instead of writing its logic again"
            )
    for error in documented_errors(doc):
        if error in used or error in problems or error in set(skip) or excused(error, used):
            continue
        problems[error] = (
            f"the docstring says `{error}` is raised, but the code never raises it "
            "and calls nothing that does: raise it where the docstring says"
        )
    return problems
