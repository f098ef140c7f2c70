"""Parsing configuration text into a `Config`.

The format::

    # comments start with '#' or ';'
    name = demo            ; keys before any section go to [DEFAULT]

    [server]
    host = example.org
    port = 8080
    debug = off
    url = http://${server.host}:${server.port}/   ; references to other keys
    tags = [web, api]
    motd = first part \\
           second part     ; a trailing backslash continues the line

Section and key names are case-insensitive (stored lower-case). References
are expanded after the whole text is read, using the raw text of the other
key, then the result is typed.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from . import values

DEFAULT = "default"


class ConfigError(ValueError):
    def __init__(self, message: str, lineno: int | None = None) -> None:
        super().__init__(f"line {lineno}: {message}" if lineno else message)
        self.lineno = lineno


@dataclass
class Config:
    """Typed values per section."""

    sections: dict[str, dict[str, Any]] = field(default_factory=dict)

    def get(self, dotted: str, default: Any = None) -> Any:
        """`get('server.port')`; a bare key is looked up in [DEFAULT]."""
        section, _, key = dotted.lower().rpartition(".")
        return self.sections.get(section or DEFAULT, {}).get(key, default)

    def require(self, dotted: str) -> Any:
        marker = object()
        value = self.get(dotted, marker)
        if value is marker:
            raise ConfigError(f"missing setting {dotted}")
        return value

    def section(self, name: str) -> dict[str, Any]:
        """A copy of one section's values, with [DEFAULT] keys it does not override."""
        merged = dict(self.sections.get(DEFAULT, {}))
        merged.update(self.sections.get(name.lower(), {}))
        return merged

    def names(self) -> list[str]:
        return sorted(self.sections)

    def merged_with(self, other: "Config") -> "Config":
        """A new config: this one's values, overridden key by key by `other`."""
        result = {name: dict(keys) for name, keys in self.sections.items()}
        for name, keys in other.sections.items():
            result.setdefault(name, {}).update(keys)
        return Config(result)

    def apply_env(self, prefix: str, environ: dict[str, str] | None = None) -> int:
        """Override settings from variables like PREFIX_SERVER__PORT=9000.

        Returns how many were applied. Values are typed like file values.
        """
        environ = os.environ if environ is None else environ
        count = 0
        start = prefix.upper() + "_"
        for name, raw in environ.items():
            if not name.startswith(start):
                continue
            section, sep, key = name[len(start):].lower().partition("__")
            if not sep:
                section, key = DEFAULT, section
            self.sections.setdefault(section, {})[key] = values.coerce(raw)
            count += 1
        return count


def _logical_lines(text: str):
    """(line number, text) pairs with continuations joined and comments removed."""
    pending = ""
    start = 0
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw
        for marker in (" ;", " #"):
            cut = line.find(marker)
            if cut != -1:
                line = line[:cut]
        stripped = line.strip()
        if not pending and (not stripped or stripped[0] in "#;"):
            continue
        if not pending:
            start = lineno
        if stripped.endswith("\\"):
            pending += stripped[:-1].rstrip() + " "
            continue
        yield start, pending + stripped
        pending = ""
    if pending:
        yield start, pending.rstrip()


def read_raw(text: str) -> dict[str, dict[str, str]]:
    """Sections of raw (untyped, unexpanded) value text."""
    raw: dict[str, dict[str, str]] = {DEFAULT: {}}
    current = DEFAULT
    for lineno, line in _logical_lines(text):
        if line.startswith("["):
            if not line.endswith("]") or len(line) < 3:
                raise ConfigError(f"bad section header {line!r}", lineno)
            current = line[1:-1].strip().lower()
            raw.setdefault(current, {})
            continue
        key, sep, value = line.partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"expected 'key = value', got {line!r}", lineno)
        raw[current][key.strip().lower()] = value.strip()
    if not raw[DEFAULT]:
        del raw[DEFAULT]
    return raw


def parse_config(text: str) -> Config:
    """Read, expand references, and type every value."""
    raw = read_raw(text)

    def lookup(dotted: str, seen: tuple[str, ...] = ()) -> str:
        if dotted in seen:
            raise ConfigError(f"reference loop through {dotted}")
        section, _, key = dotted.lower().rpartition(".")
        try:
            value = raw[section or DEFAULT][key]
        except KeyError:
            raise ConfigError(f"unknown reference ${{{dotted}}}") from None
        return values.expand(value, lambda name: lookup(name, seen + (dotted,)))

    sections: dict[str, dict[str, Any]] = {}
    for section, keys in raw.items():
        typed = {}
        for key, value in keys.items():
            typed[key] = values.coerce(lookup(f"{section}.{key}"))
        sections[section] = typed
    return Config(sections)


def load_file(path: str, encoding: str = "utf-8") -> Config:
    with open(path, encoding=encoding) as fh:
        return parse_config(fh.read())


def load_layers(*paths: str) -> Config:
    """Later files override earlier ones; missing files are skipped."""
    config = Config()
    for path in paths:
        if os.path.exists(path):
            config = config.merged_with(load_file(path))
    return config
