"""Turning raw value text into Python values, and `${...}` references."""

from __future__ import annotations

import re
from typing import Callable

_REF = re.compile(r"\$\{([A-Za-z0-9_.]+)\}")
_TRUE = {"true", "yes", "on"}
_FALSE = {"false", "no", "off"}


def coerce(raw: str):
    """Type a raw value.

    - 'true'/'yes'/'on' and 'false'/'no'/'off' (any case) are booleans;
    - integers and decimals become int and float;
    - '[a, b, c]' is a list of coerced items;
    - text in double quotes stays text, without the quotes;
    - anything else is the stripped text.
    """
    text = raw.strip()
    lowered = text.lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return text[1:-1]
    if text.startswith("[") and text.endswith("]"):
        inner = text[1:-1].strip()
        return [coerce(item) for item in inner.split(",")] if inner else []
    try:
        return int(text)
    except ValueError:
        pass
    try:
        return float(text)
    except ValueError:
        return text


def expand(text: str, lookup: Callable[[str], str]) -> str:
    """Replace every `${name}` in `text` with `lookup(name)`."""
    return _REF.sub(lambda m: lookup(m.group(1)), text)


def references(text: str) -> list[str]:
    return _REF.findall(text)
