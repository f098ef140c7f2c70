"""Chat messages and results, with the small-model quirks handled in one place.

Small-model servers trip over things frontier APIs accept: a second system
message (many chat templates reject it), `content: null` (llama-cpp-python
answers 500), answers left in `reasoning_content`. Every request passes
through `prepare_messages`, every reply through `ChatResult`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


@dataclass
class ToolCall:
    name: str
    arguments: dict[str, Any]
    id: str = ""


@dataclass
class Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached_tokens: int = 0  # prompt tokens the server reused from its cache
    counted: bool = False  # the server sent no usage (some omit it when streaming): we counted


@dataclass
class ChatResult:
    content: str
    tool_calls: list[ToolCall] = field(default_factory=list)
    finish_reason: str | None = None
    usage: Usage = field(default_factory=Usage)
    model: str = ""
    seconds: float = 0.0
    first_token_seconds: float | None = None  # streamed answers only
    from_reasoning: bool = False  # the answer came from `reasoning_content`


def prepare_messages(messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """All system messages merged into one at the front, and no null content.

    The merged system text keeps the callers' order, so a caller that puts its
    stable instructions first keeps a stable prefix for the server's cache.
    """
    system_parts: list[str] = []
    rest: list[dict[str, Any]] = []
    for message in messages:
        role = message.get("role")
        content = message.get("content")
        if role == "system":
            text = _text_of(content)
            if text:
                system_parts.append(text)
            continue
        fixed = dict(message)
        if content is None:
            fixed["content"] = ""
        elif not isinstance(content, str):
            fixed["content"] = _text_of(content)
        rest.append(fixed)
    if system_parts:
        return [{"role": "system", "content": "\n\n".join(system_parts)}, *rest]
    return rest


def _text_of(content: Any) -> str:
    """Content may be a string or OpenAI's list of parts; small servers want a string."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(p.get("text", "") for p in content if isinstance(p, dict))
    return str(content)


def parse_native_tool_calls(raw: Any) -> list[ToolCall]:
    """`tool_calls` from a message; arguments arrive as a JSON string (or, from some servers, an object)."""
    calls: list[ToolCall] = []
    if not isinstance(raw, list):
        return calls
    for item in raw:
        if not isinstance(item, dict):
            continue
        function = item.get("function") or {}
        name = function.get("name")
        if not isinstance(name, str) or not name:
            continue
        args = function.get("arguments")
        if isinstance(args, str):
            try:
                args = json.loads(args) if args.strip() else {}
            except json.JSONDecodeError:
                args = {"_raw": args}
        calls.append(ToolCall(name, args if isinstance(args, dict) else {"_value": args}, str(item.get("id") or "")))
    return calls


def usage_from(raw: Any, timings: Any = None) -> Usage:
    """OpenAI's usage object; llama.cpp's server reports reused prompt tokens in `timings.cache_n`."""
    if not isinstance(raw, dict):
        return Usage()
    details = raw.get("prompt_tokens_details") or {}
    cached = details.get("cached_tokens") if isinstance(details, dict) else None
    if cached is None and isinstance(timings, dict):
        cached = timings.get("cache_n")
    return Usage(
        prompt_tokens=int(raw.get("prompt_tokens") or 0),
        completion_tokens=int(raw.get("completion_tokens") or 0),
        cached_tokens=int(cached or 0),
    )
