"""Reading the settings file and environment overrides.

The settings file is INI-like:

    # comment
    [server]
    port = 9000
    debug = yes
    [reports]
    formats = csv, xlsx

Values are converted to bool, int, float or a list of strings where they
look like one. The built-in defaults are never changed by loading a file:
loading the same defaults twice with different files gives independent
results.
"""

from __future__ import annotations

from typing import Any, Mapping

from .defaults import DEFAULTS
from .merge import deep_merge, flatten

TRUE_WORDS = {"yes", "true", "on"}
FALSE_WORDS = {"no", "false", "off"}


class ConfigError(ValueError):
    pass


def coerce(raw: str) -> Any:
    """'9000' -> 9000, 'yes' -> True, '0.5' -> 0.5, 'a, b' -> ['a', 'b'], else the stripped string."""
    text = raw.strip()
    if text.lower() in TRUE_WORDS:
        return True
    if text.lower() in FALSE_WORDS:
        return False
    if "," in text:
        return [part.strip() for part in text.split(",") if part.strip()]
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def parse_text(text: str) -> dict[str, dict[str, Any]]:
    """The file's sections as nested dicts; a key outside any section is an error."""
    sections: dict[str, dict[str, Any]] = {}
    current: dict[str, Any] | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1].strip().lower(), {})
            continue
        key, sep, value = line.partition("=")
        if not sep:
            raise ConfigError(f"line {number}: expected 'key = value'")
        if current is None:
            raise ConfigError(f"line {number}: {key.strip()!r} is outside any [section]")
        current[key.strip().lower()] = coerce(value)
    return sections


def load_config(text: str, defaults: dict = DEFAULTS) -> dict:
    """The defaults with the settings file's values laid on top."""
    return deep_merge(defaults, parse_text(text))


def env_overrides(environ: Mapping[str, str], prefix: str = "REPORTS_") -> dict:
    """REPORTS_SERVER__PORT=9001 -> {"server": {"port": 9001}}."""
    result: dict[str, dict[str, Any]] = {}
    for name, value in environ.items():
        if not name.startswith(prefix) or "__" not in name:
            continue
        section, _, key = name[len(prefix):].lower().partition("__")
        result.setdefault(section, {})[key] = coerce(value)
    return result


def load(text: str, environ: Mapping[str, str] | None = None, defaults: dict = DEFAULTS) -> dict:
    """Defaults, then the file, then the environment."""
    config = load_config(text, defaults)
    return deep_merge(config, env_overrides(environ or {}))


def describe(config: dict) -> list[str]:
    """'section.key = value' lines, sorted, for `reports --show-config`."""
    return [f"{name} = {value!r}" for name, value in sorted(flatten(config).items())]
