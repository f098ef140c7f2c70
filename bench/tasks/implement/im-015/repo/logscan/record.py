"""Log levels and the parsed record type."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

_ALIASES = {"WARN": "WARNING", "ERR": "ERROR", "CRIT": "CRITICAL", "FATAL": "CRITICAL"}


class Level(enum.IntEnum):
    DEBUG = 10
    INFO = 20
    WARNING = 30
    ERROR = 40
    CRITICAL = 50

    @classmethod
    def from_name(cls, name: str) -> Level:
        """'warn', 'WARNING', 'Err', ... -> Level; raises ValueError for unknown names."""
        key = name.strip().upper()
        key = _ALIASES.get(key, key)
        try:
            return cls[key]
        except KeyError:
            raise ValueError(f"unknown log level {name!r}") from None


@dataclass(frozen=True)
class LogRecord:
    timestamp: dt.datetime  # always timezone-aware (UTC)
    level: Level
    component: str
    message: str
    fields: dict[str, str] = field(default_factory=dict, compare=True)

    def field(self, name: str, default: str | None = None) -> str | None:
        return self.fields.get(name, default)
