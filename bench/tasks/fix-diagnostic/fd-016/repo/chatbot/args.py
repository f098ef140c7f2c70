"""Splitting a command's argument text.

Words are separated by spaces; double quotes group words; `--name=value`
(or a bare `--flag`, meaning "true") are options, the rest are positional.
"""

from __future__ import annotations

import shlex


def split_args(text: str) -> tuple[list[str], dict[str, str]]:
    """'a "b c" --n=2 --loud' -> (['a', 'b c'], {'n': '2', 'loud': 'true'})."""
    positional: list[str] = []
    options: dict[str, str] = {}
    for word in shlex.split(text):
        if word.startswith("--") and len(word) > 2:
            name, sep, value = word[2:].partition("=")
            options[name] = value if sep else "true"
        else:
            positional.append(word)
    return positional, options


def parse_duration(text: str) -> int:
    """'90s', '10m', '2h' or a bare number of seconds -> seconds."""
    units = {"s": 1, "m": 60, "h": 3600}
    if text and text[-1] in units:
        return int(text[:-1]) * units[text[-1]]
    return int(text)
