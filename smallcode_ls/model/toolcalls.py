"""Tool calls written as text, the way small models actually answer.

Asked for a tool, a 1.5B model often puts the call in its content instead of
`tool_calls`: in a fenced JSON block, inside `<tool_call>` tags (Qwen's
template), or as bare JSON, sometimes with prose around it, a Python-style
dict, or a trailing comma. This module finds the call in all of those.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Collection
from typing import Any

from .errors import ToolCallParseError
from .messages import ToolCall

_TAGGED = re.compile(r"<tool_call>\s*(.*?)\s*(?:</tool_call>|$)", re.DOTALL)
_FENCED = re.compile(r"```[ \t]*([\w+-]*)[^\n]*\n(.*?)(?:```|$)", re.DOTALL)
_TRAILING_COMMA = re.compile(r",\s*([}\]])")


def parse_tool_calls(text: str, tool_names: Collection[str] | None = None) -> list[ToolCall]:
    """Every tool call in `text`, in order; raises ToolCallParseError when there is none.

    With `tool_names`, calls to other names are ignored, and when exactly one
    tool is offered a bare object of its arguments counts as a call to it.
    """
    names = set(tool_names) if tool_names else None
    for chunks in (_tagged(text), _fenced(text), [text]):
        calls: list[ToolCall] = []
        for chunk in chunks:
            for value in _json_values(chunk):
                calls.extend(_calls_in(value, names))
        if calls:
            return calls
    offered = f" (tools offered: {', '.join(sorted(names))})" if names else ""
    raise ToolCallParseError(f"no tool call found in the model's reply{offered}", text)


def _tagged(text: str) -> list[str]:
    return [m.group(1) for m in _TAGGED.finditer(text)]


def _fenced(text: str) -> list[str]:
    return [m.group(2) for m in _FENCED.finditer(text) if m.group(1).lower() in ("", "json", "tool_call", "javascript")]


def _json_values(chunk: str) -> list[Any]:
    """The JSON objects and arrays in `chunk`: the whole of it, else each balanced {...} or [...]."""
    whole = _loads(chunk.strip())
    if whole is not None:
        return [whole]
    values = []
    for start, end in _balanced_spans(chunk):
        value = _loads(chunk[start:end])
        if value is not None:
            values.append(value)
    return values


def _loads(text: str) -> Any:
    if not text or text[0] not in "{[":
        return None
    for candidate in (text, _TRAILING_COMMA.sub(r"\1", text)):
        try:
            return json.loads(candidate)
        except json.JSONDecodeError:
            pass
    try:
        # Python literals: single quotes, True/None.
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return None
    return value if isinstance(value, dict | list) else None


def _balanced_spans(text: str) -> list[tuple[int, int]]:
    """Outermost {...} / [...] spans, skipping brackets inside strings."""
    spans = []
    depth = 0
    start = -1
    quote = ""
    escaped = False
    for i, ch in enumerate(text):
        if quote:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == quote:
                quote = ""
            continue
        if ch in "\"'" and depth:
            quote = ch
        elif ch in "{[":
            if depth == 0:
                start = i
            depth += 1
        elif ch in "}]" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i + 1))
    return spans


def _calls_in(value: Any, names: set[str] | None) -> list[ToolCall]:
    if isinstance(value, list):
        return [call for item in value for call in _calls_in(item, names)]
    if not isinstance(value, dict):
        return []
    if isinstance(value.get("tool_calls"), list):
        return _calls_in(value["tool_calls"], names)
    function = value.get("function")
    if isinstance(function, dict):
        value = {**function, "id": value.get("id", "")}
    name = value.get("name") or value.get("tool") or value.get("tool_name")
    if isinstance(function, str) and not name:
        name = function
    if isinstance(name, str) and name:
        if names is not None and name not in names:
            return []
        args: Any = next((value[k] for k in ("arguments", "parameters", "args", "input") if k in value), {})
        if isinstance(args, str):
            args = _loads(args.strip()) if args.strip() else {}
        if not isinstance(args, dict):
            args = {"_value": args}
        return [ToolCall(name, args, str(value.get("id") or ""))]
    if names is not None and len(names) == 1 and value:
        # The arguments alone, for the only tool on offer.
        return [ToolCall(next(iter(names)), value)]
    return []
