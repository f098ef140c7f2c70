"""A real HTTP server on loopback that plays scripted OpenAI-compatible replies and faults.

Tests of the model client and of the agent loop talk to it over real sockets,
so connection handling, streaming, stalls and cancellation are exercised for
real. Each POST to /v1/chat/completions takes the next scripted reply (or asks
a function); other routes answer from a table.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    status: int = 200
    json: Any = None
    body: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    chunks: list[bytes] | None = None  # a streamed body, sent chunk by chunk
    delay: float = 0.0  # before the status line: a slow first byte
    gap: float = 0.0  # between chunks
    stall_after: int | None = None  # go silent after this many chunks ...
    stall: float = 0.0  # ... for this long
    drop_after: int | None = None  # close the socket after this many chunks


@dataclass
class Recorded:
    method: str
    path: str
    headers: dict[str, str]
    body: Any
    finished: float | None = None  # when the server stopped sending (or saw the client go)
    disconnected: bool = False


def completion(
    content: str | None = "",
    *,
    tool_calls: list[dict[str, Any]] | None = None,
    reasoning: str | None = None,
    usage: tuple[int, int] = (10, 5),
    finish: str = "stop",
    model: str = "scripted",
) -> Reply:
    message: dict[str, Any] = {"role": "assistant", "content": content}
    if tool_calls is not None:
        message["tool_calls"] = tool_calls
    if reasoning is not None:
        message["reasoning_content"] = reasoning
    return Reply(
        json={
            "id": "chatcmpl-1",
            "object": "chat.completion",
            "model": model,
            "choices": [{"index": 0, "message": message, "finish_reason": finish}],
            "usage": {"prompt_tokens": usage[0], "completion_tokens": usage[1], "total_tokens": sum(usage)},
        }
    )


def sse(*events: Any, done: bool = True) -> list[bytes]:
    out = [b"data: " + json.dumps(e).encode() + b"\n\n" for e in events]
    if done:
        out.append(b"data: [DONE]\n\n")
    return out


def stream(
    pieces: list[str],
    *,
    reasoning: list[str] | None = None,
    tool_call: tuple[str, list[str]] | None = None,
    usage: tuple[int, int] | None = (10, 5),
    done: bool = True,
    **reply: Any,
) -> Reply:
    """A streamed answer: one delta per piece, then finish_reason, usage and [DONE]."""
    events: list[Any] = [{"choices": [{"index": 0, "delta": {"role": "assistant"}}]}]
    for piece in reasoning or []:
        events.append({"choices": [{"index": 0, "delta": {"reasoning_content": piece}}]})
    for piece in pieces:
        events.append({"choices": [{"index": 0, "delta": {"content": piece}}]})
    if tool_call is not None:
        name, arg_pieces = tool_call
        events.append(
            {"choices": [{"index": 0, "delta": {"tool_calls": [{"index": 0, "id": "c1", "function": {"name": name}}]}}]}
        )
        for arg in arg_pieces:
            events.append(
                {"choices": [{"index": 0, "delta": {"tool_calls": [{"index": 0, "function": {"arguments": arg}}]}}]}
            )
    events.append({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
    if usage is not None:
        events.append({"choices": [], "usage": {"prompt_tokens": usage[0], "completion_tokens": usage[1]}})
    return Reply(chunks=sse(*events, done=done), headers={"Content-Type": "text/event-stream"}, **reply)


Script = list[Reply] | Callable[[Recorded], Reply]


class ScriptedServer:
    """`with ScriptedServer([...]) as server:` then point a client at `server.url` (ends in /v1)."""

    def __init__(self, script: Script | None = None, routes: dict[tuple[str, str], Reply] | None = None) -> None:
        self.script: Script = script if script is not None else []
        self.routes = {("GET", "/v1/models"): Reply(json={"object": "list", "data": [{"id": "scripted"}]})}
        self.routes.update(routes or {})
        self.requests: list[Recorded] = []
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._httpd = _Server(("127.0.0.1", 0), _handler_for(self))
        self._thread = threading.Thread(target=self._httpd.serve_forever, args=(0.02,), daemon=True)

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def __enter__(self) -> ScriptedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(5)

    def chat_requests(self) -> list[Recorded]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]

    def next_reply(self, recorded: Recorded) -> Reply:
        with self._lock:
            if callable(self.script):
                return self.script(recorded)
            if not self.script:
                return Reply(status=500, json={"error": {"message": "the script ran out of replies"}})
            return self.script.pop(0)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # clients hanging up mid-reply is what several tests do on purpose


def _handler_for(owner: ScriptedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            pass

        def do_GET(self) -> None:
            self._serve("GET")

        def do_POST(self) -> None:
            self._serve("POST")

        def _serve(self, method: str) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                body = json.loads(raw) if raw else None
            except json.JSONDecodeError:
                body = raw
            recorded = Recorded(method, self.path, dict(self.headers.items()), body)
            owner.requests.append(recorded)
            if method == "POST" and self.path.endswith("/chat/completions"):
                reply = owner.next_reply(recorded)
            else:
                reply = owner.routes.get((method, self.path), Reply(status=404, json={"error": "not found"}))
            try:
                self._send(reply, recorded)
            except (BrokenPipeError, ConnectionResetError):
                recorded.disconnected = True
            recorded.finished = time.monotonic()

        def _wait(self, seconds: float) -> None:
            owner.stopping.wait(seconds)

        def _send(self, reply: Reply, recorded: Recorded) -> None:
            if reply.delay:
                self._wait(reply.delay)
            self.send_response(reply.status)
            headers = dict(reply.headers)
            if reply.chunks is None:
                payload = reply.body if reply.body is not None else json.dumps(reply.json).encode()
                headers.setdefault("Content-Type", "application/json")
                headers["Content-Length"] = str(len(payload))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(payload)
                self.wfile.flush()
                return
            headers["Transfer-Encoding"] = "chunked"
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.flush()
            for number, chunk in enumerate(reply.chunks):
                if reply.drop_after is not None and number >= reply.drop_after:
                    self.connection.shutdown(socket.SHUT_RDWR)
                    self.close_connection = True
                    return
                if reply.stall_after is not None and number == reply.stall_after:
                    self._wait_or_disconnect(reply.stall, recorded)
                    if recorded.disconnected:
                        return
                if number and reply.gap:
                    self._wait_or_disconnect(reply.gap, recorded)
                    if recorded.disconnected:
                        return
                self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                self.wfile.flush()
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()

        def _wait_or_disconnect(self, seconds: float, recorded: Recorded) -> None:
            """Sleep, but notice at once when the client closes the connection."""
            deadline = time.monotonic() + seconds
            self.connection.settimeout(0.05)
            try:
                while time.monotonic() < deadline and not owner.stopping.is_set():
                    try:
                        if self.connection.recv(1, socket.MSG_PEEK) == b"":
                            recorded.disconnected = True
                            return
                    except TimeoutError:
                        continue
                    except OSError:
                        recorded.disconnected = True
                        return
            finally:
                self.connection.settimeout(None)

    return Handler
