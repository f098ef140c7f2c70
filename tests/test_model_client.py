"""The model client against a real loopback server playing scripted replies and faults."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import time

import pytest
from fakes.scripted_server import Reply, ScriptedServer, completion, sse, stream

from smallcode_ls.config import EndpointSettings
from smallcode_ls.model.client import ModelClient
from smallcode_ls.model.endpoints import resolve_endpoint
from smallcode_ls.model.errors import (
    BadResponse,
    EndpointTimeout,
    EndpointUnreachable,
    RateLimited,
    ReplyTooLarge,
    RequestRejected,
    ServerError,
    StreamStalled,
    ToolCallParseError,
)

USER = [{"role": "user", "content": "hi"}]


class Sleeps:
    """Records backoff sleeps instead of waiting them out."""

    def __init__(self) -> None:
        self.calls: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


def client_for(url: str, sleeps: Sleeps | None = None, **settings: object) -> ModelClient:
    endpoint = resolve_endpoint(EndpointSettings(endpoint=url, **settings))  # type: ignore[arg-type]
    return ModelClient(endpoint, sleep=sleeps or Sleeps())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_plain_completion_and_usage() -> None:
    with ScriptedServer([completion("hello", usage=(12, 3))]) as server:
        async with client_for(server.url) as client:
            result = await client.chat(USER)
    assert result.content == "hello"
    assert (result.usage.prompt_tokens, result.usage.completion_tokens) == (12, 3)
    body = server.chat_requests()[0].body
    assert body["model"] == "scripted"  # the endpoint's first model when none is configured
    assert body["temperature"] == 0.0 and body["stream"] is False and "seed" not in body


async def test_a_seed_goes_with_the_request_when_given() -> None:
    with ScriptedServer([completion("a")]) as server:
        async with client_for(server.url) as client:
            await client.chat(USER, temperature=0.7, seed=12)
    assert server.chat_requests()[0].body["seed"] == 12


async def test_streamed_answer_arrives_in_pieces() -> None:
    seen: list[str] = []
    with ScriptedServer([stream(["def ", "f():", " pass"], usage=(30, 3))]) as server:
        async with client_for(server.url) as client:
            result = await client.chat(USER, stream=True, on_text=seen.append)
    assert seen == ["def ", "f():", " pass"]
    assert result.content == "def f(): pass"
    assert result.usage.prompt_tokens == 30
    assert result.first_token_seconds is not None


async def test_refused_connection_is_retried_then_named() -> None:
    sleeps = Sleeps()
    port = free_port()
    async with client_for(f"ollama@127.0.0.1:{port}", sleeps, model="m", retries=2) as client:
        with pytest.raises(EndpointUnreachable) as caught:
            await client.chat(USER)
    message = str(caught.value)
    assert f"Ollama at http://127.0.0.1:{port} refused the connection" in message
    assert "ollama serve" in message
    assert len(sleeps.calls) == 2 and sleeps.calls[0] < sleeps.calls[1]


async def test_slow_first_byte_is_a_timeout() -> None:
    slow = completion("late")
    slow.delay = 3.0
    with ScriptedServer([slow]) as server:
        async with client_for(server.url, first_token_timeout=0.3, model="m") as client:
            started = time.monotonic()
            with pytest.raises(EndpointTimeout, match="first_token_timeout"):
                await client.chat(USER)
    assert time.monotonic() - started < 2.5


async def test_stall_in_the_middle_of_a_stream() -> None:
    reply = stream(["one ", "two ", "three"], stall_after=3, stall=5.0)
    seen: list[str] = []
    with ScriptedServer([reply]) as server:
        async with client_for(server.url, stall_timeout=0.4, model="m") as client:
            started = time.monotonic()
            with pytest.raises(StreamStalled, match="stall_timeout") as caught:
                await client.chat(USER, stream=True, on_text=seen.append)
    assert time.monotonic() - started < 3
    assert caught.value.partial == "one two "
    assert seen == ["one ", "two "]


async def test_server_error_is_retried_and_then_succeeds() -> None:
    sleeps = Sleeps()
    script = [Reply(status=500, json={"error": {"message": "boom"}}), Reply(status=503, body=b"busy"), completion("ok")]
    with ScriptedServer(script) as server:
        async with client_for(server.url, sleeps, model="m") as client:
            result = await client.chat(USER)
    assert result.content == "ok"
    assert len(sleeps.calls) == 2


async def test_server_error_after_the_last_retry() -> None:
    script = [Reply(status=500, json={"error": {"message": "kaputt"}})] * 3
    with ScriptedServer(script) as server:
        async with client_for(server.url, model="m", retries=2) as client:
            with pytest.raises(ServerError, match="failed with 500: kaputt") as caught:
                await client.chat(USER)
    assert caught.value.status == 500
    assert len(server.chat_requests()) == 3


async def test_rate_limit_honours_retry_after() -> None:
    sleeps = Sleeps()
    script = [Reply(status=429, headers={"Retry-After": "7"}, json={"error": "slow down"}), completion("fine")]
    with ScriptedServer(script) as server:
        async with client_for(server.url, sleeps, model="m") as client:
            assert (await client.chat(USER)).content == "fine"
    assert sleeps.calls == [7.0]


async def test_rate_limit_gives_up_with_a_typed_error() -> None:
    script = [Reply(status=429, headers={"Retry-After": "1"}, json={"error": "no"})] * 2
    with ScriptedServer(script) as server:
        async with client_for(server.url, model="m", retries=1) as client:
            with pytest.raises(RateLimited) as caught:
                await client.chat(USER)
    assert caught.value.retry_after == 1.0


async def test_invalid_json_reply() -> None:
    with ScriptedServer([Reply(body=b"<html>proxy error</html>")]) as server:
        async with client_for(server.url, model="m") as client:
            with pytest.raises(BadResponse, match="invalid JSON: '<html>proxy error</html>'"):
                await client.chat(USER)


async def test_reply_without_choices() -> None:
    with ScriptedServer([Reply(json={"object": "chat.completion"})]) as server:
        async with client_for(server.url, model="m") as client:
            with pytest.raises(BadResponse, match="without choices"):
                await client.chat(USER)


async def test_broken_sse_lines_are_skipped() -> None:
    chunks = [
        b": keep-alive\n\n",
        b'data: {"choices":[{"index":0,"delta":{"content":"Hel"}}]}\r\n\r\n',
        b"data: {not json at all\n\n",
        b"garbage line without a field\n",
        b'data: {"choices":[{"index":0,"delta":{"con',  # an event split across reads
        b'tent":"lo"}}]}\n\n',
        b"data: [DONE]\n\n",
    ]
    with ScriptedServer([Reply(chunks=chunks, headers={"Content-Type": "text/event-stream"})]) as server:
        async with client_for(server.url, model="m") as client:
            result = await client.chat(USER, stream=True)
    assert result.content == "Hello"


async def test_stream_that_ends_without_anything() -> None:
    with ScriptedServer([Reply(chunks=[b"data: {oops\n\n"], headers={"Content-Type": "text/event-stream"})]) as server:
        async with client_for(server.url, model="m") as client:
            with pytest.raises(BadResponse, match="without an answer"):
                await client.chat(USER, stream=True)


async def test_oversized_reply_is_cut_off() -> None:
    big = completion("x" * 50_000)
    with ScriptedServer([big, stream(["y" * 1000] * 50)]) as server:
        async with client_for(server.url, model="m", max_reply_bytes=10_000) as client:
            with pytest.raises(ReplyTooLarge, match="max_reply_bytes"):
                await client.chat(USER)
            with pytest.raises(ReplyTooLarge):
                await client.chat(USER, stream=True)


async def test_cancellation_closes_the_stream_at_once() -> None:
    reply = stream(["a"] * 200, gap=0.05)
    seen: list[str] = []
    with ScriptedServer([reply]) as server:
        async with client_for(server.url, model="m") as client:
            task = asyncio.create_task(client.chat(USER, stream=True, on_text=seen.append))
            while len(seen) < 3:
                await asyncio.sleep(0.01)
            cancelled_at = time.monotonic()
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            deadline = time.monotonic() + 3
            recorded = server.chat_requests()[0]
            while recorded.finished is None and time.monotonic() < deadline:
                await asyncio.sleep(0.02)
    assert recorded.disconnected
    assert recorded.finished is not None and recorded.finished - cancelled_at < 1.0
    assert len(seen) < 50


async def test_dropped_connection_mid_stream() -> None:
    with ScriptedServer([stream(["a", "b", "c", "d"], drop_after=2)]) as server:
        async with client_for(server.url, model="m") as client:
            with pytest.raises(StreamStalled):
                await client.chat(USER, stream=True)


async def test_unknown_model_404_is_actionable() -> None:
    with ScriptedServer([Reply(status=404, json={"error": {"message": "model 'qwen' not found"}})]) as server:
        async with client_for(server.url, model="qwen") as client:
            with pytest.raises(RequestRejected, match="unknown model 'qwen'"):
                await client.chat(USER)


async def test_bad_key_names_the_variable_but_never_the_key() -> None:
    env_name = "SMALLCODE_TEST_KEY"
    secret = "sk-very-secret-123"
    endpoint = resolve_endpoint(
        EndpointSettings(endpoint="http://127.0.0.1:1/v1", api_key_env=env_name, model="m"), {env_name: secret}
    )
    assert secret not in repr(endpoint)
    with ScriptedServer([Reply(status=401, json={"error": "bad key"})]) as server:
        endpoint = resolve_endpoint(
            EndpointSettings(endpoint=server.url, api_key_env=env_name, model="m"), {env_name: secret}
        )
        async with ModelClient(endpoint) as client:
            with pytest.raises(RequestRejected) as caught:
                await client.chat(USER)
    assert env_name in str(caught.value) and secret not in str(caught.value)
    assert server.chat_requests()[0].headers["Authorization"] == f"Bearer {secret}"


async def test_key_never_reaches_the_log(caplog: pytest.LogCaptureFixture) -> None:
    secret = "sk-do-not-log"
    caplog.set_level(logging.DEBUG)
    with ScriptedServer([Reply(status=500, json={"error": "x"}), completion("ok")]) as server:
        endpoint = resolve_endpoint(EndpointSettings(endpoint=server.url, api_key_env="K", model="m"), {"K": secret})
        async with ModelClient(endpoint, sleep=Sleeps()) as client:
            await client.chat(USER)
    assert caplog.records and secret not in caplog.text


# -- small-model quirks ---------------------------------------------------------


async def test_system_messages_are_merged_and_null_content_is_sent_as_empty() -> None:
    messages = [
        {"role": "system", "content": "You fix code."},
        {"role": "user", "content": "task"},
        {"role": "assistant", "content": None, "tool_calls": []},
        {"role": "system", "content": "Answer with one code block."},
        {"role": "user", "content": [{"type": "text", "text": "more"}]},
    ]
    with ScriptedServer([completion("ok")]) as server:
        async with client_for(server.url, model="m") as client:
            await client.chat(messages)
    sent = server.chat_requests()[0].body["messages"]
    assert sent[0] == {"role": "system", "content": "You fix code.\n\nAnswer with one code block."}
    assert [m["role"] for m in sent] == ["system", "user", "assistant", "user"]
    assert sent[2]["content"] == "" and sent[3]["content"] == "more"


async def test_answer_taken_from_reasoning_content() -> None:
    script = [completion("", reasoning="the answer"), stream([], reasoning=["the ", "stream"])]
    with ScriptedServer(script) as server:
        async with client_for(server.url, model="m") as client:
            plain = await client.chat(USER)
            streamed = await client.chat(USER, stream=True)
    assert (plain.content, plain.from_reasoning) == ("the answer", True)
    assert (streamed.content, streamed.from_reasoning) == ("the stream", True)


async def test_extra_body_and_settings_reach_the_request() -> None:
    with ScriptedServer([completion("ok")]) as server:
        async with client_for(
            server.url, model="m", temperature=0.2, max_output_tokens=77, extra_body={"top_k": 20}
        ) as client:
            await client.chat(USER)
    body = server.chat_requests()[0].body
    assert (body["temperature"], body["max_tokens"], body["top_k"]) == (0.2, 77, 20)


# -- tool calls -------------------------------------------------------------------

TOOL = {
    "type": "function",
    "function": {
        "name": "edit_symbol",
        "description": "Replace a symbol's code.",
        "parameters": {"type": "object", "properties": {"symbol": {"type": "string"}}},
    },
}


@pytest.mark.parametrize(
    "content",
    [
        '```json\n{"name": "edit_symbol", "arguments": {"symbol": "f"}}\n```',
        'Sure, here it is:\n<tool_call>\n{"name": "edit_symbol", "arguments": {"symbol": "f"}}\n</tool_call>',
        '<tool_call>{"name": "edit_symbol", "arguments": {"symbol": "f"}}',  # no closing tag
        '{"name": "edit_symbol", "arguments": "{\\"symbol\\": \\"f\\"}"}',  # arguments as a JSON string
        'I will call it. {"name": "edit_symbol", "parameters": {"symbol": "f"},} Done.',  # prose, trailing comma
        "{'name': 'edit_symbol', 'arguments': {'symbol': 'f'}}",  # a Python dict
        '{"function": {"name": "edit_symbol", "arguments": {"symbol": "f"}}}',
        '{"symbol": "f"}',  # the arguments alone, for the only tool offered
    ],
)
async def test_tool_calls_parsed_from_text(content: str) -> None:
    with ScriptedServer([completion(content)]) as server:
        async with client_for(server.url, model="m") as client:
            result = await client.chat(USER, tools=[TOOL], require_tool=True)
    assert [(c.name, c.arguments) for c in result.tool_calls] == [("edit_symbol", {"symbol": "f"})]


async def test_native_tool_calls_plain_and_streamed() -> None:
    native = [{"id": "c1", "type": "function", "function": {"name": "edit_symbol", "arguments": '{"symbol": "g"}'}}]
    script = [completion(None, tool_calls=native), stream([], tool_call=("edit_symbol", ['{"sym', 'bol": "h"}']))]
    with ScriptedServer(script) as server:
        async with client_for(server.url, model="m") as client:
            plain = await client.chat(USER, tools=[TOOL], tool_choice="auto")
            streamed = await client.chat(USER, tools=[TOOL], stream=True)
    assert [(c.name, c.arguments, c.id) for c in plain.tool_calls] == [("edit_symbol", {"symbol": "g"}, "c1")]
    assert [(c.name, c.arguments) for c in streamed.tool_calls] == [("edit_symbol", {"symbol": "h"})]
    assert server.chat_requests()[0].body["tools"] == [TOOL]
    assert server.chat_requests()[0].body["tool_choice"] == "auto"


async def test_no_tool_call_is_a_clear_error() -> None:
    with ScriptedServer([completion("I cannot do that.")]) as server:
        async with client_for(server.url, model="m") as client:
            with pytest.raises(ToolCallParseError, match="without calling edit_symbol") as caught:
                await client.chat(USER, tools=[TOOL], require_tool=True)
    assert caught.value.text == "I cannot do that."


async def test_text_mode_describes_tools_in_the_system_message() -> None:
    with ScriptedServer([completion('<tool_call>{"name": "edit_symbol", "arguments": {}}</tool_call>')]) as server:
        async with client_for(server.url, model="m", tool_calls="text") as client:
            result = await client.chat([{"role": "system", "content": "Be brief."}, *USER], tools=[TOOL])
    body = server.chat_requests()[0].body
    assert "tools" not in body
    assert "edit_symbol" in body["messages"][0]["content"] and "Be brief." in body["messages"][0]["content"]
    assert body["messages"][0]["role"] == "system" and body["messages"][1]["role"] == "user"
    assert result.tool_calls[0].name == "edit_symbol"


# -- discovery --------------------------------------------------------------------


async def test_context_window_from_settings_props_ollama_and_fallback() -> None:
    props = {("GET", "/props"): Reply(json={"default_generation_settings": {"n_ctx": 16384}})}
    with ScriptedServer(routes=props) as server:
        port = server.port
        async with client_for(f"llamacpp@127.0.0.1:{port}", model="m") as client:
            assert await client.context_window() == 16384
        async with client_for(server.url, model="m", context_window=2048) as client:
            assert await client.context_window() == 2048
    show = {
        ("POST", "/api/show"): Reply(
            json={"model_info": {"qwen2.context_length": 32768}, "parameters": "num_ctx 6144\ntemperature 0"}
        )
    }
    with ScriptedServer(routes=show) as server:
        async with client_for(f"ollama@127.0.0.1:{server.port}", model="qwen") as client:
            assert await client.context_window() == 6144
        assert server.requests[-1].body == {"model": "qwen"}
    with ScriptedServer() as server:
        async with client_for(server.url, model="m") as client:
            assert await client.context_window() == 8192  # never assume 128k


async def test_models_and_tokenize() -> None:
    routes = {
        ("GET", "/v1/models"): Reply(json={"data": [{"id": "a", "max_model_len": 4096}, {"id": "b"}]}),
        ("POST", "/tokenize"): Reply(json={"tokens": [1, 2, 3]}),
    }
    with ScriptedServer(routes=routes) as server:
        async with client_for(server.url) as client:
            assert [m["id"] for m in await client.models()] == ["a", "b"]
            assert await client.model_name() == "a"
            assert await client.context_window() == 4096
            assert await client.tokenize("x y z") == [1, 2, 3]
    with ScriptedServer() as server:
        async with client_for(server.url, model="m") as client:
            assert await client.tokenize("x") is None
            assert await client.tokenize("y") is None  # not asked again
        assert len([r for r in server.requests if "tokenize" in r.path]) == 2


def test_sse_helper_is_valid() -> None:
    # The fake's own helper, checked once so a broken fake cannot pass tests silently.
    assert json.loads(sse({"a": 1}, done=False)[0][len(b"data: ") :]) == {"a": 1}


async def test_cached_prompt_tokens_are_reported() -> None:
    openai_style = completion("a")
    openai_style.json["usage"]["prompt_tokens_details"] = {"cached_tokens": 7}
    llamacpp_style = completion("b", usage=(40, 2))
    llamacpp_style.json["timings"] = {"cache_n": 33, "prompt_n": 7}
    with ScriptedServer([openai_style, llamacpp_style]) as server:
        async with client_for(server.url, model="m") as client:
            assert (await client.chat(USER)).usage.cached_tokens == 7
            assert (await client.chat(USER)).usage.cached_tokens == 33


async def test_stream_without_usage_is_counted() -> None:
    routes = {("POST", "/tokenize"): Reply(json={"tokens": [1, 2, 3]})}
    with ScriptedServer([stream(["a", "b"], usage=None)], routes=routes) as server:
        async with client_for(server.url, model="m") as client:
            result = await client.chat(USER, stream=True)
    assert result.usage.counted
    assert result.usage.completion_tokens == 3 and result.usage.prompt_tokens == 3 + 6
