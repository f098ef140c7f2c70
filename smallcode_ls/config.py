"""Settings for smallcode-ls: one pydantic model, fed by layered sources.

Layers, later wins, nested tables deep-merged:

1. the defaults of :class:`Settings`;
2. the workspace file: ``.smallcode.toml`` at the root (its top level is the
   settings table) or else ``[tool.smallcode]`` in ``pyproject.toml``;
3. the LSP client's ``initializationOptions``;
4. the latest ``workspace/didChangeConfiguration`` payload.

Client layers may be the settings table itself or nest it under a
``"smallcode"`` key, and may use camelCase keys since that is what editors
send.  To add a setting, add a field to a section model (or a new section
model as a field of :class:`Settings`); aliases, merging and error reporting
follow from the model, so nothing else needs to change.
"""

from __future__ import annotations

import copy
import difflib
import logging
import os
import threading
import tomllib
import types
import typing
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic.alias_generators import to_camel
from pydantic_core import ErrorDetails

from .graph.defaults import DEFAULT_EXCLUDE

__all__ = [
    "CLIENT_SECTION",
    "CONFIG_FILE_NAMES",
    "PYPROJECT",
    "SMALLCODE_TOML",
    "AgentSettings",
    "ConfigError",
    "ConfigManager",
    "EndpointSettings",
    "EscalationSettings",
    "IndexSettings",
    "Settings",
    "build_settings",
    "client_settings",
    "merge_layers",
    "read_workspace_config",
]

log = logging.getLogger(__name__)

SMALLCODE_TOML = ".smallcode.toml"
PYPROJECT = "pyproject.toml"
# In precedence order; the server registers file watchers for these names.
CONFIG_FILE_NAMES = (SMALLCODE_TOML, PYPROJECT)
# Section name editors use for our settings (VS Code's configuration section).
CLIENT_SECTION = "smallcode"

LogLevel = Literal["debug", "info", "warning", "error"]


class ConfigError(Exception):
    """Settings could not be read or validated.

    ``messages`` holds one line per offending source, each naming the source
    and every bad field, ready for ``window/showMessage`` or a CLI exit.
    """

    def __init__(self, messages: str | Sequence[str]) -> None:
        self.messages: list[str] = [messages] if isinstance(messages, str) else list(messages)
        super().__init__("\n".join(self.messages))


class _Section(BaseModel):
    """Base for every settings model, so new sections get the same rules."""

    model_config = ConfigDict(
        # Typos must be reported, not silently ignored.
        extra="forbid",
        # Editors send camelCase, TOML files use snake_case; accept both.
        alias_generator=to_camel,
        populate_by_name=True,
        # Error paths in snake_case, matching the documented names.
        loc_by_alias=False,
        # Settings are shared between threads and roots; nobody may mutate them.
        frozen=True,
    )


class IndexSettings(_Section):
    """What the symbol graph indexes and how."""

    exclude: list[str] = Field(
        default_factory=lambda: list(DEFAULT_EXCLUDE),
        description="gitignore-style patterns of paths never indexed",
    )
    respect_gitignore: bool = True
    max_file_bytes: int = Field(default=4_000_000, gt=0, description="larger files are skipped")
    max_line_length: int = Field(
        default=5000,
        gt=0,
        description="a longer line marks a file as generated or minified",
    )
    languages: list[str] | None = Field(default=None, description="None means every supported language")
    cache: bool = True
    cache_dir: str | None = Field(default=None, description="overrides the per-user cache directory")
    workers: int = Field(default=0, ge=0, description="0 picks a count from the CPU count")

    @field_validator("languages")
    @classmethod
    def _normalise_languages(cls, value: list[str] | None) -> list[str] | None:
        # Which names exist is the graph's business (grammars are optional
        # wheels); here we only make the names comparable.
        if value is None:
            return None
        names: list[str] = []
        for name in value:
            name = name.strip().lower()
            if not name:
                raise ValueError("language names must be non-empty strings")
            if name not in names:
                names.append(name)
        return names


class EndpointSettings(_Section):
    """One OpenAI-compatible endpoint and how to talk to it."""

    endpoint: str = Field(
        default="embedded",
        description=(
            "'embedded' (the bundled Qwen2.5-Coder-1.5B), 'embedded:qwen2.5-coder-0.5b', a preset "
            "('ollama', 'lmstudio', 'llamacpp', 'vllm', 'openai', optionally 'preset@host:port') or any URL"
        ),
    )
    model: str | None = Field(default=None, description="model name sent to the API; None takes the endpoint's first")
    context_window: int | None = Field(default=None, gt=0, description="None asks the endpoint, else 8192")
    max_output_tokens: int = Field(default=1024, gt=0)
    temperature: float = Field(default=0.0, ge=0.0, le=2.0)
    connect_timeout: float = Field(default=5.0, gt=0)
    first_token_timeout: float = Field(
        default=300.0, gt=0, description="seconds until the first byte of an answer: a CPU reads long prompts slowly"
    )
    stall_timeout: float = Field(default=60.0, gt=0, description="longest silence in the middle of a streamed answer")
    retries: int = Field(default=3, ge=0, description="on refused connections, 429 and 5xx, with backoff")
    max_reply_bytes: int = Field(default=4_000_000, gt=0)
    extra_body: dict[str, Any] = Field(default_factory=dict, description="merged into every request body")
    tool_calls: Literal["auto", "native", "text"] = Field(
        default="auto", description="native tool_calls, tool calls parsed from text, or native with text as fallback"
    )
    prefill: Literal["auto", "chatml", "off"] = Field(
        default="auto",
        description=(
            "start the model's answer for it (the code fence and a stub's signature) through /v1/completions: "
            "'chatml' formats the prompt for ChatML models such as Qwen, 'auto' does so for Qwen models on "
            "endpoints that take raw prompts (not Ollama or cloud APIs), 'off' never"
        ),
    )
    api_key_env: str | None = Field(default=None, description="name of the environment variable holding the key")
    keep_alive: float = Field(
        default=10.0, ge=0, description="embedded model: seconds it stays loaded after its last user exits"
    )


class EscalationSettings(EndpointSettings):
    """A bigger endpoint for narrowed tasks the local model failed; off unless `endpoint` is set."""

    endpoint: str = Field(default="", description="empty: escalation is off")
    max_per_session: int = Field(default=5, ge=0, description="escalations allowed per session")


class AgentSettings(_Section):
    """How the agent generates and verifies edits."""

    max_rounds: int = Field(default=3, ge=1, le=10, description="improvement rounds per unit")
    run_tests: bool = Field(default=True, description="run the tests the graph links to the changed symbols")
    test_timeout: float = Field(default=120.0, gt=0, description="seconds for one verification's tests")
    run_examples: bool = Field(
        default=True,
        description="for a Python stub no test covers: run a screened example call the model writes, in the sandbox",
    )
    lint_timeout: float = Field(default=30.0, gt=0)
    type_check: bool = Field(
        default=True,
        description=(
            "mypy on a Python answer's own lines: errors its annotations rule out go back to the model"
            " once, and every round for one that raises whenever its line runs"
        ),
    )
    example_samples: int = Field(
        default=0,
        ge=0,
        le=5,
        description="answers sampled for a stub whose example printed other values than the model expected; "
        "one that verifies and matches more of them is taken (off: no gain measured with the 1.5B)",
    )
    test_cmd: str | None = Field(default=None, description="your test command, also run (in a sandbox) to verify")
    checkers: list[str] = Field(
        default_factory=list,
        description="extra checker commands run on the sandbox, e.g. 'pyright {file}'; a failure blocks the edit",
    )
    python: str | None = Field(default=None, description="interpreter for tests; default the workspace's .venv")
    publish_diagnostics: bool = Field(default=True, description="publish the verifier's fatal errors for open files")


class Settings(_Section):
    """All smallcode-ls settings."""

    agent: AgentSettings = Field(default_factory=AgentSettings)

    index: IndexSettings = Field(default_factory=IndexSettings)
    model: EndpointSettings = Field(default_factory=EndpointSettings)
    escalation: EscalationSettings = Field(default_factory=EscalationSettings)
    log_level: LogLevel = "info"

    @field_validator("log_level", mode="before")
    @classmethod
    def _lower_log_level(cls, value: object) -> object:
        # People write INFO out of habit from the logging module.
        return value.lower() if isinstance(value, str) else value


# --------------------------------------------------------------------------
# Reading sources


def read_workspace_config(root: Path) -> tuple[dict[str, Any], str | None]:
    """Return the workspace file's settings table and the file it came from.

    ``.smallcode.toml`` replaces ``[tool.smallcode]`` rather than merging with
    it, so there is one place to look when a setting surprises someone.
    Returns ``({}, None)`` when neither holds settings.  Raises
    :class:`ConfigError` for unreadable or malformed files.
    """
    root = Path(root)
    own = root / SMALLCODE_TOML
    pyproject = root / PYPROJECT
    if own.is_file():
        if pyproject.is_file() and _pyproject_table(pyproject, quiet=True) is not None:
            log.warning("%s takes precedence; ignoring [tool.smallcode] in %s", own, pyproject)
        return _load_toml(own), str(own)
    if pyproject.is_file():
        table = _pyproject_table(pyproject)
        if table is not None:
            return table, str(pyproject)
    return {}, None


def _load_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        # The decoder's message carries "(at line N, column M)".
        raise ConfigError(f"cannot parse {path}: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"cannot parse {path}: not valid UTF-8 ({exc.reason})") from exc
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from exc


def _pyproject_table(path: Path, *, quiet: bool = False) -> dict[str, Any] | None:
    try:
        data = _load_toml(path)
    except ConfigError:
        if quiet:
            return None
        raise
    tool = data.get("tool")
    if tool is None:
        return None
    table = tool.get(CLIENT_SECTION) if isinstance(tool, dict) else None
    if table is None:
        return None
    if not isinstance(table, dict):
        if quiet:
            return None
        raise ConfigError(
            f"invalid smallcode settings in {path}: [tool.smallcode] must be a table (got {_short_repr(table)})"
        )
    return table


def client_settings(data: object, source: str = "client settings") -> dict[str, Any]:
    """Extract our settings table from ``initializationOptions`` or a
    ``didChangeConfiguration`` payload.

    Editors that push every section at once send ``{"smallcode": {...},
    "python": {...}}``; others send our table directly.  ``None`` means no
    settings.
    """
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        raise ConfigError(f"invalid smallcode settings in {source}: expected an object (got {_short_repr(data)})")
    if CLIENT_SECTION in data:
        inner = data[CLIENT_SECTION]
        if inner is None:
            return {}
        if not isinstance(inner, Mapping):
            raise ConfigError(
                f"invalid smallcode settings in {source}: {CLIENT_SECTION!r} must be an object "
                f"(got {_short_repr(inner)})"
            )
        return dict(inner)
    return dict(data)


# --------------------------------------------------------------------------
# Merging and validation


def merge_layers(*layers: Mapping[str, Any]) -> dict[str, Any]:
    """Deep-merge settings layers, later ones winning.

    Keys are normalised to field names first, so ``maxFileBytes`` from the
    editor overrides ``max_file_bytes`` from a file.  Only nested tables merge;
    lists and scalars are replaced whole, as a user overriding ``exclude``
    expects to get exactly the list they wrote.  Unknown keys pass through
    unchanged so validation can report them as the user spelled them.
    """
    merged: dict[str, Any] = {}
    for layer in layers:
        merged = _deep_merge(merged, _normalise_keys(layer, Settings))
    return merged


def build_settings(layers: Sequence[tuple[str, Mapping[str, Any]]]) -> Settings:
    """Validate ``(source, table)`` layers over the defaults into :class:`Settings`.

    Each layer is validated alone first so every message names the source the
    user has to edit; all bad layers are reported at once.  Raises
    :class:`ConfigError`.
    """
    messages: list[str] = []
    normalised: list[tuple[str, dict[str, Any]]] = []
    for source, table in layers:
        if not isinstance(table, Mapping):
            messages.append(f"invalid smallcode settings in {source}: expected a table (got {_short_repr(table)})")
            continue
        data = _normalise_keys(table, Settings)
        normalised.append((source, data))
        try:
            Settings.model_validate(data)
        except ValidationError as exc:
            messages.append(_describe(source, exc.errors()))
    if messages:
        raise ConfigError(messages)

    merged = merge_layers(*(data for _, data in normalised))
    try:
        return Settings.model_validate(merged)
    except ValidationError as exc:
        # Only reachable through rules spanning several fields, where each
        # layer is fine alone; blame the last layer that set each field.
        by_source: dict[str, list[ErrorDetails]] = {}
        for err in exc.errors():
            blamed = _blame(err["loc"], normalised)
            by_source.setdefault(blamed, []).append(err)
        raise ConfigError([_describe(src, errs) for src, errs in by_source.items()]) from exc


def _deep_merge(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        current = out.get(key)
        if isinstance(value, Mapping) and isinstance(current, dict):
            out[key] = _deep_merge(current, value)
        elif isinstance(value, Mapping):
            out[key] = _deep_merge({}, value)
        else:
            # Copy so later mutation of a layer cannot leak into merged results.
            out[key] = copy.deepcopy(value)
    return out


def _nested_model(annotation: Any) -> tuple[type[BaseModel] | None, bool]:
    """The settings model inside a field type, and whether it sits in a dict
    keyed by user-chosen names (whose keys must not be renamed)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation, False
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        found = [m for m in (_nested_model(a) for a in args) if m[0] is not None]
        return found[0] if len(found) == 1 else (None, False)
    if origin in (dict, Mapping) and len(args) == 2:
        inner, _ = _nested_model(args[1])
        return inner, inner is not None
    return None, False


def _field_names(model: type[BaseModel]) -> dict[str, str]:
    """Map every accepted spelling of a field to its name."""
    names: dict[str, str] = {}
    for name, info in model.model_fields.items():
        names[name] = name
        if info.alias:
            names[info.alias] = name
    return names


def _normalise_keys(data: Mapping[str, Any], model: type[BaseModel]) -> dict[str, Any]:
    # Guided by the model rather than a blanket to_snake, so values that are
    # user-keyed tables keep their keys and typos stay as typed.
    names = _field_names(model)
    out: dict[str, Any] = {}
    for key, value in data.items():
        name = names.get(key, key)
        info = model.model_fields.get(name)
        if info is not None and isinstance(value, Mapping):
            sub, keyed = _nested_model(info.annotation)
            if sub is not None and keyed:
                value = {k: _normalise_keys(v, sub) if isinstance(v, Mapping) else v for k, v in value.items()}
            elif sub is not None:
                value = _normalise_keys(value, sub)
        out[name] = value
    return out


def _model_at(loc: Sequence[int | str]) -> type[BaseModel] | None:
    """The model that owns the last element of an error location."""
    model: type[BaseModel] = Settings
    parts = list(loc)
    i = 0
    while i < len(parts):
        info = model.model_fields.get(str(parts[i]))
        if info is None:
            return None
        sub, keyed = _nested_model(info.annotation)
        if sub is None:
            return None
        model = sub
        i += 2 if keyed else 1
    return model


def _blame(loc: Sequence[int | str], layers: Sequence[tuple[str, dict[str, Any]]]) -> str:
    for source, data in layers[::-1]:
        if _has_path(data, loc):
            return source
    if not layers:
        return "defaults"
    sources: list[str] = [src for src, _ in layers]
    return "merged settings from " + ", ".join(sources)


def _has_path(data: Mapping[str, Any], loc: Sequence[int | str]) -> bool:
    node: object = data
    for part in loc:
        if not (isinstance(node, Mapping) and part in node):
            return False
        node = node[part]
    return True


def _format_loc(loc: Sequence[int | str]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _short_repr(value: object, limit: int = 60) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _describe_one(err: ErrorDetails) -> str:
    loc = err["loc"]
    path = _format_loc(loc)
    if err["type"] == "extra_forbidden":
        msg = "unknown setting"
        owner = _model_at(loc[:-1])
        if owner is not None and loc:
            spellings = list(_field_names(owner))
            close = difflib.get_close_matches(str(loc[-1]), spellings, n=1)
            if close:
                msg += f" (did you mean {close[0]!r}?)"
        return f"{path}: {msg}"
    msg = err["msg"].removeprefix("Value error, ")
    if "input" in err:
        msg += f" (got {_short_repr(err['input'])})"
    return f"{path}: {msg}" if path else msg


def _describe(source: str, errors: Iterable[ErrorDetails]) -> str:
    return f"invalid smallcode settings in {source}: " + "; ".join(_describe_one(e) for e in errors)


# --------------------------------------------------------------------------
# Live settings for the server and CLI


def _root_key(root: Path | str) -> Path:
    # abspath, not resolve: no filesystem access on every lookup, and paths
    # from document URIs are compared in the same unresolved form.
    return Path(os.path.abspath(root))


def _dedupe(messages: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(messages))


class ConfigManager:
    """The settings in force for each workspace root.

    The file layer is per root; the client layers (``initializationOptions``
    and the latest ``didChangeConfiguration``) are shared by all roots.  Every
    update returns error messages, empty on success; on error the previous
    good settings stay in force, so a half-typed setting never breaks a
    running server.
    """

    def __init__(self) -> None:
        # pygls may run handlers on worker threads; updates must not interleave.
        self._lock = threading.RLock()
        self._init_layer: dict[str, Any] = {}
        self._change_layer: dict[str, Any] = {}
        self._files: dict[Path, tuple[dict[str, Any], str | None]] = {}
        self._settings: dict[Path, Settings] = {}
        self._fallback = Settings()

    @property
    def roots(self) -> list[Path]:
        with self._lock:
            return list(self._files)

    def add_root(self, root: Path | str) -> list[str]:
        """Start tracking a workspace root and read its config file."""
        key = _root_key(root)
        with self._lock:
            self._files.setdefault(key, ({}, None))
            self._settings.setdefault(key, self._fallback)
            return self._reload_root(key)

    def remove_root(self, root: Path | str) -> None:
        key = _root_key(root)
        with self._lock:
            self._files.pop(key, None)
            self._settings.pop(key, None)

    def for_root(self, root: Path | str | None = None) -> Settings:
        """Settings for a root, or for the innermost root containing a path.

        Paths outside every root (and ``None``) get the defaults plus the
        client layers.
        """
        with self._lock:
            if root is None:
                return self._fallback
            path = _root_key(root)
            best: Path | None = None
            for key in self._settings:
                if (key == path or key in path.parents) and (best is None or len(key.parts) > len(best.parts)):
                    best = key
            return self._settings[best] if best is not None else self._fallback

    def source_for(self, root: Path | str) -> str | None:
        """The config file in force for a tracked root, if any."""
        with self._lock:
            entry = self._files.get(_root_key(root))
            return entry[1] if entry else None

    def set_client_options(self, data: object) -> list[str]:
        """Apply ``initializationOptions``."""
        try:
            layer = client_settings(data, "initializationOptions")
        except ConfigError as exc:
            return exc.messages
        with self._lock:
            return self._update_client(layer, self._change_layer)

    def apply_change(self, data: object) -> list[str]:
        """Apply a ``workspace/didChangeConfiguration`` settings payload.

        The payload replaces the previous one rather than merging into it:
        clients send the whole current section, so a setting the user removed
        must fall back to the lower layers.  ``None`` (the pull-model signal)
        changes nothing; the server should fetch with
        ``workspace/configuration`` and pass the result here.
        """
        if data is None:
            return []
        try:
            layer = client_settings(data, "workspace/didChangeConfiguration")
        except ConfigError as exc:
            return exc.messages
        with self._lock:
            return self._update_client(self._init_layer, layer)

    def reload_files(self, root: Path | str | None = None) -> list[str]:
        """Re-read the config file of one root, or of every root."""
        with self._lock:
            keys = [_root_key(root)] if root is not None else list(self._files)
            messages: list[str] = []
            for key in keys:
                if key in self._files:
                    messages += self._reload_root(key)
            return _dedupe(messages)

    # -- internals (callers hold the lock) --

    def _client_layers(self, init: dict[str, Any], change: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
        return [
            ("initializationOptions", init),
            ("workspace/didChangeConfiguration", change),
        ]

    def _layers_for(
        self,
        file_entry: tuple[dict[str, Any], str | None],
        client: list[tuple[str, dict[str, Any]]],
    ) -> list[tuple[str, dict[str, Any]]]:
        table, source = file_entry
        layers: list[tuple[str, dict[str, Any]]] = []
        if source is not None:
            label = f"{source} [tool.smallcode]" if Path(source).name == PYPROJECT else source
            layers.append((label, table))
        return layers + client

    def _update_client(self, init: dict[str, Any], change: dict[str, Any]) -> list[str]:
        client = self._client_layers(init, change)
        try:
            fallback = build_settings(client)
        except ConfigError as exc:
            return _dedupe(exc.messages)
        self._init_layer = init
        self._change_layer = change
        self._fallback = fallback
        messages: list[str] = []
        for key, entry in self._files.items():
            try:
                self._settings[key] = build_settings(self._layers_for(entry, client))
            except ConfigError as exc:
                messages += exc.messages
        return _dedupe(messages)

    def _reload_root(self, key: Path) -> list[str]:
        client = self._client_layers(self._init_layer, self._change_layer)
        try:
            entry = read_workspace_config(key)
            settings = build_settings(self._layers_for(entry, client))
        except ConfigError as exc:
            return exc.messages
        self._files[key] = entry
        self._settings[key] = settings
        return []
