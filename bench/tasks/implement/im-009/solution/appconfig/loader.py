"""Parse INI-style settings text and read typed values from it.

The format::

    # comment           ; also a comment
    name = demo         (before any section: goes to [general])
    [server]
    port = 9000
    banner = "hello # not a comment"
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Mapping

from .defaults import DEFAULTS, ENV_PREFIX

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


class ConfigError(ValueError):
    """A settings file or value that cannot be understood."""


def _unquote(value: str) -> str:
    if len(value) >= 2 and value[0] == value[-1] == '"':
        return value[1:-1]
    return value


def parse_ini(text: str) -> dict[str, dict[str, str]]:
    """Parse settings text into {section: {key: value}}.

    Rules, line by line (each line is stripped first):
    - blank lines and lines starting with '#' or ';' are skipped;
    - `[name]` starts section `name` (the name is stripped); the section is in
      the result even if it has no keys; a section that appears twice is
      merged into the first one;
    - `key = value` is split at the FIRST '='; the key is stripped and
      lower-cased, the value stripped; a value wrapped in double quotes loses
      the quotes (what is inside is kept as is);
    - keys that come before any section header belong to section "general"
      (which is only in the result when it gets at least one key);
    - a later value for the same key replaces the earlier one;
    - any other line raises ConfigError whose message starts with
      "line N:" (N counted from 1).
    """
    result: dict[str, dict[str, str]] = {}
    section = "general"
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
            result.setdefault(section, {})
            continue
        key, sep, value = line.partition("=")
        if not sep or not key.strip():
            raise ConfigError(f"line {number}: expected 'key = value' or '[section]', got {raw!r}")
        result.setdefault(section, {})[key.strip().lower()] = _unquote(value.strip())
    return result


def env_overrides(environ: Mapping[str, str]) -> dict[str, dict[str, str]]:
    """APP_SERVER__PORT=9000 becomes {"server": {"port": "9000"}}."""
    found: dict[str, dict[str, str]] = {}
    for name, value in environ.items():
        if not name.startswith(ENV_PREFIX) or "__" not in name:
            continue
        section, _, key = name[len(ENV_PREFIX):].partition("__")
        found.setdefault(section.lower(), {})[key.lower()] = value
    return found


def merge(*layers: Mapping[str, Mapping[str, str]]) -> dict[str, dict[str, str]]:
    """Later layers win, key by key."""
    merged: dict[str, dict[str, str]] = {}
    for layer in layers:
        for section, values in layer.items():
            merged.setdefault(section, {}).update(values)
    return merged


class Config:
    """Typed access to merged settings."""

    def __init__(self, data: Mapping[str, Mapping[str, str]]) -> None:
        self._data = {s: dict(v) for s, v in data.items()}

    @classmethod
    def from_text(cls, text: str, environ: Mapping[str, str] | None = None) -> Config:
        """Defaults, then the text, then the environment."""
        return cls(merge(DEFAULTS, parse_ini(text), env_overrides(environ or {})))

    @classmethod
    def load(cls, path: str | Path, environ: Mapping[str, str] | None = None) -> Config:
        text = Path(path).read_text(encoding="utf-8") if Path(path).exists() else ""
        return cls.from_text(text, os.environ if environ is None else environ)

    def sections(self) -> list[str]:
        return sorted(self._data)

    def get(self, section: str, key: str, default: str | None = None) -> str:
        try:
            return self._data[section][key]
        except KeyError:
            if default is not None:
                return default
            raise ConfigError(f"missing setting [{section}] {key}") from None

    def get_int(self, section: str, key: str, default: int | None = None) -> int:
        raw = self.get(section, key, None if default is None else str(default))
        try:
            return int(raw)
        except ValueError:
            raise ConfigError(f"[{section}] {key}: {raw!r} is not a whole number") from None

    def get_bool(self, section: str, key: str, default: bool | None = None) -> bool:
        raw = self.get(section, key, None if default is None else str(default).lower())
        word = raw.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ConfigError(f"[{section}] {key}: {raw!r} is not yes/no")

    def get_list(self, section: str, key: str, default: list[str] | None = None) -> list[str]:
        """Comma-separated values, stripped, empty items dropped."""
        if default is not None and key not in self._data.get(section, {}):
            return list(default)
        return [item.strip() for item in self.get(section, key).split(",") if item.strip()]

    def as_dict(self) -> dict[str, dict[str, str]]:
        return {s: dict(v) for s, v in self._data.items()}


def describe(config: Config) -> str:
    """Settings as INI text, sections and keys sorted (for `app --show-config`)."""
    out = []
    data = config.as_dict()
    for section in config.sections():
        out.append(f"[{section}]")
        for key in sorted(data[section]):
            out.append(f"{key} = {data[section][key]}")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
