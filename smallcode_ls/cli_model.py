"""`smallcode models` and `smallcode chat`: check a model setup from the shell."""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .config import EndpointSettings, Settings

# The model layer (httpx, pydantic) is imported inside the commands, so that
# `smallcode index` starts as fast as before.


class ModelCliError(Exception):
    """A setup problem the user can fix: printed as one line, exit status 2."""


def load_settings(root: Path, args: argparse.Namespace) -> Settings:
    """Workspace settings with the command line's --endpoint/--model on top."""
    from .config import ConfigError, build_settings, read_workspace_config

    try:
        table, source = read_workspace_config(root)
        overrides: dict[str, Any] = {}
        if getattr(args, "endpoint", None):
            overrides["endpoint"] = args.endpoint
            if not getattr(args, "model", None):
                overrides["model"] = None  # a model name of another endpoint would not exist there
        if getattr(args, "model", None):
            overrides["model"] = args.model
        layers = [(source or "defaults", table)]
        if overrides:
            layers.append(("the command line", {"model": overrides}))
        return build_settings(layers)
    except ConfigError as exc:
        raise ModelCliError(str(exc)) from exc


def add_model_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--endpoint", help="embedded, embedded:NAME, ollama, lmstudio, llamacpp, vllm, openai, or a URL"
    )
    parser.add_argument("--model", help="model name at the endpoint")


# -- models ------------------------------------------------------------------------


def cmd_models(args: argparse.Namespace) -> int:
    settings = load_settings(Path(args.path), args)
    configured = [("model", settings.model)]
    if settings.escalation.endpoint.strip():
        configured.append(("escalation", settings.escalation))
    rows = [_asyncio().run(_describe(role, s)) for role, s in configured]
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0 if all(r["reachable"] for r in rows) else 1
    for row in rows:
        state = "reachable" if row["reachable"] else f"NOT reachable: {row['error']}"
        print(f"{row['role']}: {row['label']} ({row['endpoint']}): {state}")
        if row["models"]:
            print(f"  models: {', '.join(row['models'])}")
        if row["context_window"]:
            print(f"  context window: {row['context_window']} tokens ({row['context_source']})")
        if row.get("note"):
            print(f"  {row['note']}")
    return 0 if all(r["reachable"] for r in rows) else 1


async def _describe(role: str, settings: EndpointSettings) -> dict[str, Any]:
    from .model.client import ModelClient
    from .model.endpoints import EMBEDDED, resolve_endpoint
    from .model.errors import ModelError

    row: dict[str, Any] = {
        "role": role,
        "endpoint": settings.endpoint,
        "label": settings.endpoint,
        "reachable": False,
        "models": [],
        "context_window": None,
        "context_source": None,
        "error": None,
    }
    try:
        endpoint = resolve_endpoint(settings)
    except ModelError as exc:
        row["error"] = str(exc)
        return row
    row["label"] = endpoint.label
    if endpoint.kind == EMBEDDED:
        return _describe_embedded(row, settings)
    row["base_url"] = endpoint.base_url
    client = ModelClient(endpoint)
    try:
        row["models"] = [m["id"] for m in await client.models()]
        row["reachable"] = True
        row["context_window"] = await client.context_window()
        row["context_source"] = "settings" if settings.context_window else "endpoint or default"
    except ModelError as exc:
        row["error"] = str(exc)
    finally:
        await client.aclose()
    return row


def _describe_embedded(row: dict[str, Any], settings: EndpointSettings) -> dict[str, Any]:
    """Installed or not, without loading the model (that takes seconds and a GB of RAM)."""
    from .model import embedded
    from .model.connect import EMBEDDED_CONTEXT
    from .model.errors import ModelError

    try:
        name = embedded.parse_embedded(settings.endpoint) or embedded.DEFAULT_MODEL
        entry = embedded.CATALOGUE[name]
        missing = [p.distribution for p in entry.parts if entry.locator(p) is None]
        runtime = [m for m in embedded.SERVER_MODULES if importlib.util.find_spec(m) is None]
    except ModelError as exc:
        row["error"] = str(exc)
        return row
    row["models"] = [name]
    row["context_window"] = settings.context_window or EMBEDDED_CONTEXT
    row["context_source"] = "settings" if settings.context_window else "embedded default"
    if missing or runtime:
        row["error"] = f"not installed ({', '.join(missing + runtime)} missing): run {embedded.PIP_COMMAND}"
        return row
    row["reachable"] = True
    row["note"] = "installed; starts on first use and is shared by every smallcode process of this user"
    return row


# -- chat --------------------------------------------------------------------------


def cmd_chat(args: argparse.Namespace) -> int:
    from .model.errors import ModelError

    settings = load_settings(Path(args.path), args)
    try:
        return _asyncio().run(_chat(settings.model, args.prompt, args.json))
    except ModelError as exc:
        raise ModelCliError(str(exc)) from exc


async def _chat(settings: EndpointSettings, prompt: str, as_json: bool) -> int:
    from .model.connect import open_client
    from .model.endpoints import resolve_endpoint

    if sys.stderr.isatty() and not as_json:
        sys.stderr.write(f"asking {resolve_endpoint(settings).label} ...\n")
    client = await open_client(settings)
    try:

        def show(piece: str) -> None:
            if not as_json:
                sys.stdout.write(piece)
                sys.stdout.flush()

        result = await client.chat([{"role": "user", "content": prompt}], stream=True, on_text=show)
    finally:
        await client.aclose()
    if as_json:
        print(
            json.dumps(
                {
                    "content": result.content,
                    "model": result.model,
                    "prompt_tokens": result.usage.prompt_tokens,
                    "completion_tokens": result.usage.completion_tokens,
                    "seconds": round(result.seconds, 3),
                    "first_token_seconds": round(result.first_token_seconds or 0.0, 3),
                }
            )
        )
    else:
        sys.stdout.write("\n")
        tps = result.usage.completion_tokens / result.seconds if result.seconds else 0.0
        sys.stderr.write(
            f"{result.usage.prompt_tokens} prompt + {result.usage.completion_tokens} answer tokens, "
            f"{result.seconds:.1f} s ({tps:.1f} tokens/s overall)\n"
        )
    return 0


def _asyncio():  # type: ignore[no-untyped-def]
    import asyncio  # 0.1 s of imports that `smallcode index` does not need

    return asyncio
