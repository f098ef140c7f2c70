"""Where a model lives: presets, URL fixing, and the resolved endpoint.

Users write `ollama`, `localhost:11434` or `http://box:8000`; every one of
them becomes the base URL of an OpenAI-compatible API ending in `/v1`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from ..config import EndpointSettings
from .errors import ConfigurationError

# name: (default base URL, what it is)
PRESETS: dict[str, tuple[str, str]] = {
    "ollama": ("http://127.0.0.1:11434/v1", "Ollama"),
    "lmstudio": ("http://127.0.0.1:1234/v1", "LM Studio"),
    "llamacpp": ("http://127.0.0.1:8080/v1", "llama.cpp server"),
    "vllm": ("http://127.0.0.1:8000/v1", "vLLM"),
    "openai": ("https://api.openai.com/v1", "OpenAI"),
    # Anthropic's OpenAI-compatible API (the SDK compatibility layer).
    "anthropic": ("https://api.anthropic.com/v1", "Anthropic"),
}
_NEEDS_KEY = ("openai", "anthropic")
_ALIASES = {"lm-studio": "lmstudio", "llama.cpp": "llamacpp", "llama-cpp": "llamacpp", "llama_cpp": "llamacpp"}
# Default ports tell us which server a bare URL points at.
_PORT_KINDS = {11434: "ollama", 1234: "lmstudio", 8080: "llamacpp", 8000: "vllm"}
EMBEDDED = "embedded"
DEFAULT_EMBEDDED_MODEL = "qwen2.5-coder-1.5b"


@dataclass(frozen=True)
class Endpoint:
    """A resolved endpoint: what the client needs, with the key kept out of repr."""

    base_url: str  # always ends in /v1
    kind: str  # a preset name, "embedded" or "openai-compatible"
    settings: EndpointSettings
    api_key: str | None = field(default=None, repr=False, compare=False)
    embedded_model: str | None = None

    @property
    def label(self) -> str:
        """How messages name this endpoint: `Ollama at http://127.0.0.1:11434`."""
        name = PRESETS[self.kind][1] if self.kind in PRESETS else "the endpoint"
        if self.kind == EMBEDDED:
            return f"the embedded model {self.embedded_model}"
        return f"{name} at {self.base_url.removesuffix('/v1')}"

    @property
    def is_local(self) -> bool:
        host = urlsplit(self.base_url).hostname or ""
        return host in ("127.0.0.1", "localhost", "::1") or host.endswith(".local")


def normalize_url(url: str) -> str:
    """`localhost:11434` -> `http://localhost:11434/v1`; keeps an explicit path that ends in /v1."""
    url = url.strip()
    if not url:
        raise ConfigurationError("the endpoint URL is empty")
    if "://" not in url:
        url = "http://" + url
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ConfigurationError(f"{url!r} is not an http(s) URL")
    path = parts.path.rstrip("/")
    # People paste the full route, or Ollama's native /api root.
    for suffix in ("/chat/completions", "/completions", "/models"):
        path = path.removesuffix(suffix)
    if path.endswith("/api"):
        path = path[: -len("/api")]
    if not path.endswith("/v1"):
        path += "/v1"
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def guess_kind(base_url: str) -> str:
    parts = urlsplit(base_url)
    if parts.hostname == "api.openai.com":
        return "openai"
    return _PORT_KINDS.get(parts.port or 0, "openai-compatible")


def resolve_endpoint(settings: EndpointSettings, environ: dict[str, str] | None = None) -> Endpoint:
    """Turn settings into an endpoint; the embedded model's URL is filled in when it starts."""
    env = os.environ if environ is None else environ
    raw = settings.endpoint.strip()
    key = None
    if settings.api_key_env:
        key = env.get(settings.api_key_env)
        if not key:
            raise ConfigurationError(
                f"the environment variable {settings.api_key_env} (api_key_env) is not set or empty"
            )
    lowered = raw.lower()
    if lowered == EMBEDDED or lowered.startswith(EMBEDDED + ":"):
        name = raw.split(":", 1)[1].strip() if ":" in raw else None
        return Endpoint("http://127.0.0.1:0/v1", EMBEDDED, settings, key, embedded_model=name or DEFAULT_EMBEDDED_MODEL)
    preset, _, where = lowered.partition("@")
    preset = _ALIASES.get(preset, preset)
    if preset in PRESETS:
        base = PRESETS[preset][0]
        if where:
            scheme = urlsplit(base).scheme
            base = normalize_url(f"{scheme}://{where}")
        if preset in _NEEDS_KEY and key is None:
            raise ConfigurationError(f"the {preset} preset needs api_key_env, the variable that holds your key")
        return Endpoint(base, preset, settings, key)
    base = normalize_url(raw)
    return Endpoint(base, guess_kind(base), settings, key)


def with_base_url(endpoint: Endpoint, base_url: str, model: str | None = None) -> Endpoint:
    """The same endpoint once the embedded server is up on its port."""
    settings = endpoint.settings
    if model is not None and settings.model is None:
        settings = settings.model_copy(update={"model": model})
    return Endpoint(base_url, endpoint.kind, settings, endpoint.api_key, endpoint.embedded_model)
