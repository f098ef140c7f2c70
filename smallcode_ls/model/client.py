"""The one path to a model: an async client for OpenAI-compatible endpoints.

Faults are handled here so callers only see typed errors: refused connections,
429 and 5xx are retried with backoff (429 honours Retry-After); a slow first
token and a stall in the middle of a stream are told apart; a reply larger
than the limit is cut off; cancelling the caller's task closes the stream at
once.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import json
import logging
import random
import time
from collections.abc import Awaitable, Callable
from typing import Any

import httpx

from .endpoints import EMBEDDED, Endpoint
from .errors import (
    BadResponse,
    EndpointTimeout,
    EndpointUnreachable,
    ModelError,
    RateLimited,
    ReplyTooLarge,
    RequestRejected,
    ServerError,
    StreamStalled,
    ToolCallParseError,
)
from .messages import ChatResult, ToolCall, Usage, parse_native_tool_calls, prepare_messages, usage_from
from .sse import DONE, SSEDecoder
from .toolcalls import parse_tool_calls

log = logging.getLogger(__name__)

FALLBACK_CONTEXT = 8192
MAX_BACKOFF = 20.0
MAX_RETRY_AFTER = 120.0

TextCallback = Callable[[str], None]


class ModelClient:
    """Talks to one endpoint. Create it with `open_client` (which starts the embedded model when asked)."""

    def __init__(
        self,
        endpoint: Endpoint,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        context_window: int | None = None,
        on_close: Callable[[], None] | None = None,
    ) -> None:
        self.endpoint = endpoint
        self.settings = endpoint.settings
        headers = {"Authorization": f"Bearer {endpoint.api_key}"} if endpoint.api_key else {}
        self._http = httpx.AsyncClient(
            headers=headers,
            timeout=httpx.Timeout(connect=self.settings.connect_timeout, read=None, write=60.0, pool=60.0),
            transport=transport,
            trust_env=not endpoint.is_local,  # a proxy must not sit between us and localhost
        )
        self._sleep = sleep
        self._context_window = context_window
        self._model: str | None = self.settings.model
        self._on_close = on_close
        self._tokenize_route: str | bool | None = None  # None: not probed yet; False: none
        self._prefill: str | None = None  # "chatml" or "off" once decided

    async def aclose(self) -> None:
        await self._http.aclose()
        if self._on_close is not None:
            on_close, self._on_close = self._on_close, None
            await asyncio.to_thread(on_close)

    async def __aenter__(self) -> ModelClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    # -- discovery ---------------------------------------------------------------

    async def models(self) -> list[dict[str, Any]]:
        """`GET /v1/models`: the endpoint's models, as it describes them."""
        data = await self._get_json(self.endpoint.base_url + "/models")
        items = data.get("data") if isinstance(data, dict) else None
        if not isinstance(items, list):
            raise BadResponse(f"{self.endpoint.label}: /v1/models did not return a model list")
        return [m for m in items if isinstance(m, dict) and isinstance(m.get("id"), str)]

    async def model_name(self) -> str:
        """The configured model, else the endpoint's first (llama.cpp and the embedded server serve one)."""
        if self._model is None:
            models = await self.models()
            if not models:
                raise RequestRejected(f"{self.endpoint.label} serves no model; set model in the settings", 404)
            self._model = str(models[0]["id"])
        return self._model

    async def context_window(self) -> int:
        """From the settings, else what the endpoint says, else a conservative 8192 (never 128k by assumption)."""
        if self.settings.context_window:
            return self.settings.context_window
        if self._context_window is None:
            try:
                found = await self._discover_context()
            except ModelError as exc:
                log.info("%s: context window unknown (%s); using %d", self.endpoint.label, exc, FALLBACK_CONTEXT)
                found = None
            self._context_window = found or FALLBACK_CONTEXT
        return self._context_window

    async def _discover_context(self) -> int | None:
        root = self.endpoint.base_url.removesuffix("/v1")
        kind = self.endpoint.kind
        if kind in ("llamacpp", "openai-compatible"):
            props = await self._get_json(root + "/props", quiet=True)
            if isinstance(props, dict):
                settings = props.get("default_generation_settings") or {}
                for value in (settings.get("n_ctx"), (settings.get("params") or {}).get("n_ctx"), props.get("n_ctx")):
                    if isinstance(value, int) and value > 0:
                        return value
        if kind in ("ollama", "openai-compatible"):
            shown = await self._post_json(root + "/api/show", {"model": await self.model_name()}, quiet=True)
            if isinstance(shown, dict):
                found = _ollama_context(shown)
                if found:
                    return found
        # vLLM (and some others) put it in the model list.
        for model in await self.models():
            if model.get("id") == await self.model_name():
                for key in ("max_model_len", "context_length", "max_context_length"):
                    value = model.get(key)
                    if isinstance(value, int) and value > 0:
                        return value
        return None

    async def tokenize(self, text: str) -> list[int] | None:
        """The endpoint's own tokenizer where it has one (llama.cpp, llama-cpp-python), else None."""
        root = self.endpoint.base_url.removesuffix("/v1")
        routes: list[tuple[str, dict[str, Any]]] = [
            (root + "/tokenize", {"content": text, "add_special": False}),
            (root + "/extras/tokenize", {"input": text, "model": self._model or ""}),
        ]
        if self._tokenize_route is False:
            return None
        for url, body in routes:
            if self._tokenize_route not in (None, url):
                continue
            data = await self._post_json(url, body, quiet=True)
            tokens = data.get("tokens") if isinstance(data, dict) else None
            if isinstance(tokens, list):
                self._tokenize_route = url
                return [t if isinstance(t, int) else 0 for t in tokens]
        self._tokenize_route = False
        return None

    # -- chat --------------------------------------------------------------------

    async def chat(
        self,
        messages: list[dict[str, Any]],
        *,
        tools: list[dict[str, Any]] | None = None,
        tool_choice: str | dict[str, Any] | None = None,
        require_tool: bool = False,
        stream: bool = False,
        on_text: TextCallback | None = None,
        max_tokens: int | None = None,
        temperature: float | None = None,
        stop: list[str] | None = None,
        prefill: str | None = None,
        seed: int | None = None,
    ) -> ChatResult:
        """One chat completion. With `tools`, calls come back in `tool_calls`, native or parsed from text;
        `require_tool` turns "no call anywhere" into ToolCallParseError.

        `prefill` starts the answer (the content then begins with it) where the endpoint takes raw
        ChatML prompts; elsewhere it is ignored and the model answers from scratch. `stop` given
        with a `prefill` belongs to the continuation (a closing fence, with the opening one in the
        prefill), so an answer from scratch goes without it."""
        if prefill and not tools and not stream and await self.prefill_format() == "chatml":
            try:
                return await self._continue(messages, prefill, max_tokens, temperature, stop, seed)
            except RequestRejected as exc:
                log.info("%s: no raw completions (%s); answering without a started answer", self.endpoint.label, exc)
                self._prefill = "off"
        if prefill:
            stop = None
        mode = self.settings.tool_calls
        prepared = list(messages)
        tool_names = [t.get("function", {}).get("name", "") for t in tools or []]
        if tools and mode == "text":
            prepared = [{"role": "system", "content": tools_as_text(tools)}, *prepared]
        body: dict[str, Any] = {
            "model": await self.model_name(),
            "messages": prepare_messages(prepared),
            "temperature": self.settings.temperature if temperature is None else temperature,
            "max_tokens": max_tokens or self.settings.max_output_tokens,
            "stream": stream,
        }
        if stop:
            body["stop"] = stop
        if seed is not None:
            body["seed"] = seed
        if tools and mode != "text":
            body["tools"] = tools
            if tool_choice is not None:
                body["tool_choice"] = tool_choice
        if stream:
            body["stream_options"] = {"include_usage": True}
        body.update(self.settings.extra_body)
        result = await self._with_retries(lambda: self._complete(body, stream, on_text))
        if tools and not result.tool_calls and mode != "native" and result.content.strip():
            with contextlib.suppress(ToolCallParseError):
                result.tool_calls = parse_tool_calls(result.content, tool_names)
        if require_tool and not result.tool_calls:
            raise ToolCallParseError(
                f"{self.endpoint.label} answered without calling {', '.join(tool_names) or 'a tool'}", result.content
            )
        return result

    async def prefill_format(self) -> str:
        """ "chatml" when a started answer can be sent as a raw ChatML prompt, else "off"."""
        if self._prefill is None:
            choice = self.settings.prefill
            if choice == "auto":
                raw_prompts = self.endpoint.kind not in ("ollama", "openai", "anthropic")
                choice = "chatml" if raw_prompts and "qwen" in (await self.model_name()).lower() else "off"
            self._prefill = choice
        return self._prefill

    async def _continue(
        self,
        messages: list[dict[str, Any]],
        prefill: str,
        max_tokens: int | None,
        temperature: float | None,
        stop: list[str] | None,
        seed: int | None = None,
    ) -> ChatResult:
        prompt = "".join(f"<|im_start|>{m['role']}\n{m['content']}<|im_end|>\n" for m in prepare_messages(messages))
        body: dict[str, Any] = {
            "model": await self.model_name(),
            "prompt": prompt + "<|im_start|>assistant\n" + prefill,
            "temperature": self.settings.temperature if temperature is None else temperature,
            "max_tokens": max_tokens or self.settings.max_output_tokens,
            "stop": [*(stop or []), "<|im_end|>", "<|endoftext|>"],
            "stream": False,
        }
        if seed is not None:
            body["seed"] = seed
        body.update(self.settings.extra_body)

        async def attempt() -> ChatResult:
            started = time.monotonic()
            response = await self._open(
                self._http.build_request("POST", self.endpoint.base_url + "/completions", json=body), started
            )
            try:
                raw = await self._read_body(response, started, self.settings.first_token_timeout)
            finally:
                await response.aclose()
            if response.status_code >= 400:
                raise self._http_error(response, raw)
            try:
                data = json.loads(raw)
                choice = data["choices"][0]
                text = choice["text"]
            except (json.JSONDecodeError, UnicodeDecodeError, KeyError, IndexError, TypeError):
                raise BadResponse(f"{self.endpoint.label} answered a completion with {_snippet(raw)}") from None
            result = ChatResult(
                content=prefill + (text if isinstance(text, str) else ""),
                finish_reason=choice.get("finish_reason"),
                usage=usage_from(data.get("usage"), data.get("timings")),
                model=str(data.get("model") or ""),
            )
            result.seconds = time.monotonic() - started
            if not result.usage.prompt_tokens and not result.usage.completion_tokens:
                result.usage = await self._count_usage(messages, result.content)
            return result

        return await self._with_retries(attempt)

    async def _complete(self, body: dict[str, Any], stream: bool, on_text: TextCallback | None) -> ChatResult:
        started = time.monotonic()
        url = self.endpoint.base_url + "/chat/completions"
        request = self._http.build_request("POST", url, json=body)
        response = await self._open(request, started)
        try:
            if response.status_code >= 400:
                raw = await self._read_body(response, started, self.settings.first_token_timeout)
                raise self._http_error(response, raw)
            if stream and "text/event-stream" in response.headers.get("content-type", "text/event-stream"):
                result = await self._read_stream(response, started, on_text)
            else:
                raw = await self._read_body(response, started, self.settings.first_token_timeout)
                result = self._parse_reply(raw)
                if on_text is not None and result.content:
                    on_text(result.content)
        finally:
            await response.aclose()
        result.seconds = time.monotonic() - started
        if not result.usage.prompt_tokens and not result.usage.completion_tokens:
            result.usage = await self._count_usage(body["messages"], result.content)
        if not result.content and result.from_reasoning is False and not result.tool_calls:
            log.info("%s returned an empty answer (finish_reason=%s)", self.endpoint.label, result.finish_reason)
        return result

    async def _open(self, request: httpx.Request, started: float) -> httpx.Response:
        """Send and wait for the status line, within the first-token time."""
        timeout = self.settings.first_token_timeout
        try:
            return await asyncio.wait_for(self._http.send(request, stream=True), timeout)
        except TimeoutError:
            raise EndpointTimeout(
                f"{self.endpoint.label} sent nothing for {timeout:.0f} s (first_token_timeout); "
                "the model may be too slow for this prompt, or stuck"
            ) from None
        except httpx.ConnectError as exc:
            raise EndpointUnreachable(self._unreachable(exc)) from None
        except httpx.ConnectTimeout:
            raise EndpointUnreachable(
                f"{self.endpoint.label} did not accept a connection within {self.settings.connect_timeout:.0f} s"
            ) from None
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
            raise EndpointUnreachable(f"{self.endpoint.label} dropped the connection ({exc})") from None

    def _unreachable(self, exc: Exception) -> str:
        hint = {
            "ollama": "is it running? (`ollama serve`)",
            "lmstudio": "is LM Studio's local server started?",
            "llamacpp": "is llama-server running?",
            "vllm": "is `vllm serve` running?",
        }.get(self.endpoint.kind, "is it running, and is the URL right?")
        if self.endpoint.kind == EMBEDDED:
            hint = "its server stopped; see the embedded server log"
        reason = "refused the connection" if _refused(exc) else f"could not be reached ({exc})"
        return f"{self.endpoint.label} {reason}: {hint}"

    async def _chunks(self, response: httpx.Response, started: float, first_timeout: float):  # type: ignore[no-untyped-def]
        """Raw body chunks; the first must come within `first_timeout` of the start, the others within
        the stall time of each other."""
        iterator = response.aiter_raw().__aiter__()
        first = True
        while True:
            timeout = max(0.01, first_timeout - (time.monotonic() - started)) if first else self.settings.stall_timeout
            try:
                chunk = await asyncio.wait_for(iterator.__anext__(), timeout)
            except StopAsyncIteration:
                return
            except TimeoutError:
                if first:
                    raise EndpointTimeout(
                        f"{self.endpoint.label} sent no answer within {first_timeout:.0f} s (first_token_timeout)"
                    ) from None
                raise StreamStalled(
                    f"{self.endpoint.label} stopped sending for {timeout:.0f} s in the middle of its answer "
                    "(stall_timeout)"
                ) from None
            except (httpx.RemoteProtocolError, httpx.ReadError) as exc:
                raise StreamStalled(f"{self.endpoint.label} dropped the connection mid-answer ({exc})") from None
            first = False
            yield chunk

    async def _read_body(self, response: httpx.Response, started: float, first_timeout: float) -> bytes:
        limit = self.settings.max_reply_bytes
        parts: list[bytes] = []
        size = 0
        async for chunk in self._chunks(response, started, first_timeout):
            size += len(chunk)
            if size > limit:
                raise ReplyTooLarge(f"{self.endpoint.label} sent more than {limit:,} bytes (max_reply_bytes)")
            parts.append(chunk)
        return b"".join(parts)

    async def _read_stream(self, response: httpx.Response, started: float, on_text: TextCallback | None) -> ChatResult:
        decoder = SSEDecoder()
        text: list[str] = []
        reasoning: list[str] = []
        calls: dict[int, dict[str, Any]] = {}
        result = ChatResult(content="")
        size = 0
        done = False
        limit = self.settings.max_reply_bytes
        try:
            async for chunk in self._chunks(response, started, self.settings.first_token_timeout):
                size += len(chunk)
                if size > limit:
                    raise ReplyTooLarge(f"{self.endpoint.label} sent more than {limit:,} bytes (max_reply_bytes)")
                for event in decoder.feed(chunk):
                    if event is DONE:
                        done = True
                        continue
                    delta_text = self._apply_event(event, result, reasoning, calls)
                    if delta_text:
                        if result.first_token_seconds is None:
                            result.first_token_seconds = time.monotonic() - started
                        text.append(delta_text)
                        if on_text is not None:
                            on_text(delta_text)
                if done:
                    break
            if not done:
                for event in decoder.close():
                    if event is not DONE:
                        delta_text = self._apply_event(event, result, reasoning, calls)
                        if delta_text:
                            text.append(delta_text)
                            if on_text is not None:
                                on_text(delta_text)
        except StreamStalled as exc:
            exc.partial = "".join(text)
            raise
        if decoder.bad_lines:
            log.warning("%s: skipped %d malformed stream line(s)", self.endpoint.label, decoder.bad_lines)
        if not done and not text and not calls and result.finish_reason is None:
            raise BadResponse(f"{self.endpoint.label} ended the stream without an answer")
        result.content = "".join(text)
        if not result.content and reasoning:
            result.content = "".join(reasoning)
            result.from_reasoning = True
        result.tool_calls = _assembled_calls(calls)
        return result

    def _apply_event(
        self, event: Any, result: ChatResult, reasoning: list[str], calls: dict[int, dict[str, Any]]
    ) -> str:
        if not isinstance(event, dict):
            return ""
        if "error" in event:
            raise ServerError(f"{self.endpoint.label} failed mid-answer: {_error_text(event)}", 500)
        if event.get("usage"):
            result.usage = usage_from(event["usage"], event.get("timings"))
        if event.get("model"):
            result.model = str(event["model"])
        choices = event.get("choices")
        if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
            return ""
        choice = choices[0]
        if choice.get("finish_reason"):
            result.finish_reason = str(choice["finish_reason"])
        delta = choice.get("delta") or choice.get("message") or {}
        if not isinstance(delta, dict):
            return ""
        for piece in delta.get("tool_calls") or []:
            if not isinstance(piece, dict):
                continue
            slot = calls.setdefault(int(piece.get("index", len(calls))), {"id": "", "name": "", "arguments": ""})
            slot["id"] = piece.get("id") or slot["id"]
            function = piece.get("function") or {}
            slot["name"] += function.get("name") or ""
            args = function.get("arguments")
            slot["arguments"] += args if isinstance(args, str) else json.dumps(args) if args else ""
        if isinstance(delta.get("reasoning_content"), str):
            reasoning.append(delta["reasoning_content"])
        content = delta.get("content")
        return content if isinstance(content, str) else ""

    def _parse_reply(self, raw: bytes) -> ChatResult:
        try:
            data = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise BadResponse(f"{self.endpoint.label} answered with invalid JSON: {_snippet(raw)}") from None
        if isinstance(data, dict) and "error" in data:
            raise ServerError(f"{self.endpoint.label} reported an error: {_error_text(data)}", 500)
        choices = data.get("choices") if isinstance(data, dict) else None
        if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
            raise BadResponse(f"{self.endpoint.label} answered without choices: {_snippet(raw)}")
        message = choices[0].get("message") or {}
        content = message.get("content") if isinstance(message, dict) else None
        result = ChatResult(
            content=content if isinstance(content, str) else "",
            tool_calls=parse_native_tool_calls(message.get("tool_calls")) if isinstance(message, dict) else [],
            finish_reason=choices[0].get("finish_reason"),
            usage=usage_from(data.get("usage"), data.get("timings")),
            model=str(data.get("model") or ""),
        )
        reasoning = message.get("reasoning_content") if isinstance(message, dict) else None
        if not result.content.strip() and isinstance(reasoning, str) and reasoning.strip():
            result.content = reasoning
            result.from_reasoning = True
        return result

    async def _count_usage(self, messages: list[dict[str, Any]], answer: str) -> Usage:
        """Token counts for a reply without usage: the endpoint's tokenizer, else the estimate."""
        from .tokens import MESSAGE_OVERHEAD, estimate_tokens

        async def count(text: str) -> int:
            if not text:
                return 0
            try:
                tokens = await self.tokenize(text)
            except ModelError:
                tokens = None
            return len(tokens) if tokens is not None else estimate_tokens(text)

        prompt = 0
        for message in messages:
            prompt += MESSAGE_OVERHEAD + await count(str(message.get("content") or ""))
        return Usage(prompt_tokens=prompt, completion_tokens=await count(answer), counted=True)

    # -- plumbing ----------------------------------------------------------------

    def _http_error(self, response: httpx.Response, raw: bytes) -> ModelError:
        status = response.status_code
        detail = _error_text(_json_or_none(raw)) or _snippet(raw)
        label = self.endpoint.label
        if status == 429:
            return RateLimited(f"{label} is rate limiting (429): {detail}", _retry_after(response))
        if status >= 500:
            return ServerError(f"{label} failed with {status}: {detail}", status)
        if status in (401, 403):
            env = self.settings.api_key_env
            hint = f"check the key in ${env}" if env else "set api_key_env to the variable holding your key"
            return RequestRejected(f"{label} refused the key ({status}): {hint}", status)
        if status == 404:
            return RequestRejected(
                f"{label} answered 404 for {response.request.url.path}: wrong URL or unknown model "
                f"{self._model!r} ({detail})",
                status,
            )
        return RequestRejected(f"{label} rejected the request ({status}): {detail}", status)

    async def _with_retries(self, attempt: Callable[[], Awaitable[ChatResult]]) -> ChatResult:
        retries = self.settings.retries
        for number in range(retries + 1):
            try:
                return await attempt()
            except (EndpointUnreachable, RateLimited, ServerError) as exc:
                if number >= retries:
                    raise
                delay = min(MAX_BACKOFF, 0.5 * 2**number) * (0.75 + random.random() / 2)
                if isinstance(exc, RateLimited) and exc.retry_after is not None:
                    delay = min(MAX_RETRY_AFTER, exc.retry_after)
                log.info("%s; retrying in %.1f s (%d/%d)", exc, delay, number + 1, retries)
                await self._sleep(delay)
        raise AssertionError("unreachable")

    async def _get_json(self, url: str, quiet: bool = False) -> Any:
        return await self._request_json("GET", url, None, quiet)

    async def _post_json(self, url: str, body: dict[str, Any], quiet: bool = False) -> Any:
        return await self._request_json("POST", url, body, quiet)

    async def _request_json(self, method: str, url: str, body: dict[str, Any] | None, quiet: bool) -> Any:
        """A small JSON request; with `quiet`, a missing route or a bad answer gives None."""
        started = time.monotonic()
        request = self._http.build_request(method, url, json=body)
        response = await self._open(request, started)
        try:
            raw = await self._read_body(response, started, min(60.0, self.settings.first_token_timeout))
        finally:
            await response.aclose()
        if response.status_code >= 400:
            if quiet:
                return None
            raise self._http_error(response, raw)
        data = _json_or_none(raw)
        if data is None and not quiet:
            raise BadResponse(f"{self.endpoint.label} answered {url} with invalid JSON: {_snippet(raw)}")
        return data


def tools_as_text(tools: list[dict[str, Any]]) -> str:
    """Tool descriptions for a model whose server has no native tool calls."""
    lines = [
        "You can call a tool. To call one, answer with only:",
        '<tool_call>{"name": "TOOL", "arguments": {...}}</tool_call>',
        "Tools:",
    ]
    for tool in tools:
        function = tool.get("function", {})
        params = json.dumps(function.get("parameters", {}), separators=(",", ":"))
        lines.append(f"- {function.get('name')}: {function.get('description', '')} Parameters: {params}")
    return "\n".join(lines)


def _assembled_calls(calls: dict[int, dict[str, Any]]) -> list[ToolCall]:
    raw = [
        {"id": c["id"], "function": {"name": c["name"], "arguments": c["arguments"]}}
        for _, c in sorted(calls.items())
        if c["name"]
    ]
    return parse_native_tool_calls(raw)


def _ollama_context(shown: dict[str, Any]) -> int | None:
    # Ollama runs a model with num_ctx (default 4096), whatever it was trained for.
    params = shown.get("parameters")
    if isinstance(params, str):
        for line in params.splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[0] == "num_ctx" and parts[1].isdigit():
                return int(parts[1])
    info = shown.get("model_info")
    trained = None
    if isinstance(info, dict):
        trained = next((v for k, v in info.items() if k.endswith(".context_length") and isinstance(v, int)), None)
    return min(trained, 4096) if trained else None


def _refused(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    for _ in range(8):  # httpx wraps the OS error; follow the chain a little way
        if seen is None:
            return False
        if isinstance(seen, ConnectionRefusedError) or "refused" in str(seen).lower():
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def _json_or_none(raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None


def _error_text(data: Any) -> str:
    if not isinstance(data, dict):
        return ""
    error = data.get("error", data.get("detail", ""))
    if isinstance(error, dict):
        return str(error.get("message") or error)
    return str(error)


def _snippet(raw: bytes, limit: int = 200) -> str:
    text = raw[:limit].decode("utf-8", "replace").strip()
    return repr(text + ("…" if len(raw) > limit else ""))


__all__ = ["FALLBACK_CONTEXT", "ChatResult", "ModelClient", "Usage", "tools_as_text"]
