"""Calls whose arguments are named like the callee's parameters in another order:
`rate_for(line.category, self.region)` against `def rate_for(region, category)`. Swapped
arguments of the same type pass every linter and show up only as a wrong result, and a small
model rarely spots them in a stack trace; the harness tries the swap and lets the tests decide.
"""

from __future__ import annotations

import re
from collections.abc import Callable

_CALL = re.compile(r"(?<![\w$])([A-Za-z_$][\w$]*)\s*\(")
_DEFINITION = re.compile(r"(?:\bdef|\bfunction|\bclass)\s+$")
_SIMPLE = re.compile(r"^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$")
_OPENERS = {"(": ")", "[": "]", "{": "}"}

# a called name -> its positional parameters (without `self`), or None when unknown or ambiguous
Parameters = Callable[[str], list[str] | None]


def parameter_names(signature: str) -> list[str]:
    """`def f(self, a: int, b=2, *rest)` -> ["self", "a", "b"]; JavaScript and TypeScript too."""
    start = signature.find("(")
    if start < 0:
        return []
    spans = _arguments(signature, start)
    if spans is None:
        return []
    names = []
    for a, b in spans[0]:
        text = signature[a:b].strip()
        if text == "/":
            continue  # the end of positional-only parameters
        match = re.match(r"([A-Za-z_$][\w$]*)", text)
        if match is None or text.startswith(("*", "...")):
            break  # *args, **kwargs, ...rest and what follows are not positional
        names.append(match.group(1))
    return names


def swapped_candidates(text: str, parameters: Parameters, limit: int = 3) -> list[str]:
    """Versions of `text` with one call's two arguments put back in the order their names say."""
    found: list[str] = []
    for match in _CALL.finditer(text):
        if _DEFINITION.search(text[: match.start()].rsplit("\n", 1)[-1]):
            continue
        params = parameters(match.group(1))
        parsed = _arguments(text, match.end() - 1)
        if not params or parsed is None:
            continue
        spans = parsed[0]
        keys = [_name_of(text[a:b]) for a, b in spans]
        for i in range(len(spans)):
            for j in range(i + 1, min(len(spans), len(params))):
                if keys[i] and keys[j] and keys[i] != keys[j] and keys[i] == params[j] and keys[j] == params[i]:
                    (a1, b1), (a2, b2) = spans[i], spans[j]
                    first, second = text[a1:b1], text[a2:b2]
                    found.append(text[:a1] + second + text[b1:a2] + first + text[b2:])
                    if len(found) >= limit:
                        return found
    return found


def _name_of(argument: str) -> str | None:
    """The name an argument carries: `line.category` -> `category`; None for anything but a name."""
    stripped = argument.strip()
    if "=" in stripped or not _SIMPLE.match(stripped):
        return None
    return stripped.rsplit(".", 1)[-1].lstrip("_") or None


def _arguments(text: str, open_index: int) -> tuple[list[tuple[int, int]], int] | None:
    """The spans of the top-level arguments of the call whose `(` is at `open_index` (without
    surrounding spaces), and the index of its `)`; None when it does not close."""
    spans: list[tuple[int, int]] = []
    stack: list[str] = []
    start = open_index + 1
    index = start
    quote = ""
    while index < len(text):
        char = text[index]
        if quote:
            if char == "\\":
                index += 1
            elif char == quote:
                quote = ""
        elif char in "\"'`":
            quote = char
        elif char in _OPENERS:
            stack.append(_OPENERS[char])
        elif stack and char == stack[-1]:
            stack.pop()
        elif not stack and char in ",)":
            piece = text[start:index]
            if piece.strip():
                lead = len(piece) - len(piece.lstrip())
                spans.append((start + lead, start + len(piece.rstrip())))
            if char == ")":
                return spans, index
            start = index + 1
        index += 1
    return None
