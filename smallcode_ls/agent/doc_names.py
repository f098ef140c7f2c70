"""Names a stub's docstring points the implementation at.

A docstring that says "refill with `_refill(now)`" or "parse with `parse_amount` from
csvreport/parsing.py" tells the implementer which existing code to build on. Small models often
re-implement that code inline, slightly wrong, or forget a state change the docstring names
(`expired_count`). An implementation that never mentions such a name is worth one more round with
the name spelled out; it is not a proof of a bug, so the engine asks only once per name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from .mutations import hide_strings_and_comments

# `name`, `Class.method`, `call(args)`: a reference to code, not a phrase such as `n == 0`.
_TICKED = re.compile(r"`([A-Za-z_][\w.]*)(?:\([^`]*\))?`")
_WORD = re.compile(r"[A-Za-z_]\w*")


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


def short(name: str) -> str:
    return name.rsplit(".", 1)[-1]


def unused_names(body: str, lang: str, names: Iterable[str]) -> list[str]:
    """The names whose last part `body` never mentions as code (strings and comments do not count)."""
    used = set(_WORD.findall(hide_strings_and_comments(body, lang)))
    return [n for n in names if short(n) not in used]


def doc_name_problems(
    stub: str,
    body: str,
    lang: str,
    skip: Iterable[str],
    known: Callable[[str], str | None],
) -> dict[str, str]:
    """{short name: message} for each name the stub's docstring points at that the workspace
    defines (`known` gets the name as written and returns where, or None) and `body` does not use."""
    problems = {}
    for name in unused_names(body, lang, pointed_names(stub, skip)):
        where = known(name)
        if where is not None:
            problems[short(name)] = (
                f"the docstring points to `{name}` ({where}), but the code never uses it: "
                "use it as the docstring says instead of writing its logic again"
            )
    return problems
