"""Filters usable in templates as {{ value|name }} or {{ value|name:arg }}.

Every filter takes the value first; filters listed in TAKES_ARGUMENT also take
the text after the colon as a second argument (always a string).
"""

from __future__ import annotations

from typing import Any, Callable


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def upper(value: Any) -> str:
    return _text(value).upper()


def lower(value: Any) -> str:
    return _text(value).lower()


def title(value: Any) -> str:
    return _text(value).title()


def length(value: Any) -> int:
    return 0 if value is None else len(value)


def default(value: Any, fallback: str) -> Any:
    """The fallback when the value is None or empty."""
    return fallback if value in (None, "", [], {}) else value


def truncate(value: Any, size: str) -> str:
    """Cut to `size` characters, ending with '...' when something was cut."""
    text, limit = _text(value), int(size)
    return text if len(text) <= limit else text[: max(limit - 3, 0)] + "..."


def join(value: Any, separator: str) -> str:
    return separator.join(_text(v) for v in value or [])


def money(value: Any) -> str:
    """Cents to '12.34'."""
    cents = int(value or 0)
    sign = "-" if cents < 0 else ""
    return f"{sign}{abs(cents) // 100}.{abs(cents) % 100:02d}"


FILTERS: dict[str, Callable[..., Any]] = {
    "upper": upper,
    "lower": lower,
    "title": title,
    "length": length,
    "default": default,
    "truncate": truncate,
    "join": join,
    "money": money,
}

TAKES_ARGUMENT = frozenset({"default", "truncate", "join"})
