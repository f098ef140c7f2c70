"""Typed application settings: .env text, overridden by the process environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields

from .envfile import parse_env
from .errors import ConfigError

PREFIX = "APP_"


@dataclass(frozen=True)
class Settings:
    host: str = "127.0.0.1"
    port: int = 8000
    debug: bool = False
    database_url: str = "sqlite:///app.db"
    workers: int = 2


def _to_bool(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off", ""):
        return False
    raise ValueError(f"not a boolean: {value!r}")


CONVERTERS = {"int": int, "bool": _to_bool, "str": str}


def load_settings(
    text: str, environ: Mapping[str, str] | None = None, source: str = "<string>"
) -> Settings:
    """Settings from APP_* names in `text`, then in `environ` (which wins)."""
    environ = dict(os.environ if environ is None else environ)
    values = parse_env(text, environ=environ)
    values.update({k: v for k, v in environ.items() if k.startswith(PREFIX)})
    kwargs = {}
    for spec in fields(Settings):
        name = PREFIX + spec.name.upper()
        if name not in values:
            continue
        kind = spec.type if isinstance(spec.type, str) else spec.type.__name__
        try:
            kwargs[spec.name] = CONVERTERS[kind](values[name])
        except ValueError as exc:
            raise ConfigError(f"{name}: {exc}", source=source) from None
    settings = Settings(**kwargs)
    if not 0 < settings.port < 65536:
        raise ConfigError(f"{PREFIX}PORT out of range: {settings.port}", source=source)
    if settings.workers < 1:
        raise ConfigError(f"{PREFIX}WORKERS must be at least 1", source=source)
    return settings


def load_settings_file(path: str, environ: Mapping[str, str] | None = None) -> Settings:
    with open(path, encoding="utf-8") as fh:
        return load_settings(fh.read(), environ, source=path)
