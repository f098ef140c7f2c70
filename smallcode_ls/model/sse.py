"""Server-sent events, decoded leniently.

Servers differ in small ways: CRLF line ends, comment lines used as
keep-alives, `event:` lines, an event split across network reads. A line that
is not valid JSON is counted and skipped rather than ending the answer.
"""

from __future__ import annotations

import json
from typing import Any

DONE = object()


class SSEDecoder:
    def __init__(self) -> None:
        self._buffer = b""
        self._data: list[str] = []
        self.bad_lines = 0

    def feed(self, chunk: bytes) -> list[Any]:
        """The complete events in `chunk` (plus what was buffered): decoded JSON values, or DONE."""
        self._buffer += chunk
        events: list[Any] = []
        while True:
            cut = self._buffer.find(b"\n")
            if cut < 0:
                break
            line = self._buffer[:cut].rstrip(b"\r").decode("utf-8", "replace")
            self._buffer = self._buffer[cut + 1 :]
            events.extend(self._line(line))
        return events

    def close(self) -> list[Any]:
        """Whatever the stream left unterminated."""
        events: list[Any] = []
        if self._buffer:
            events.extend(self._line(self._buffer.rstrip(b"\r").decode("utf-8", "replace")))
            self._buffer = b""
        events.extend(self._line(""))
        return events

    def _line(self, line: str) -> list[Any]:
        if not line:
            return self._dispatch()
        if line.startswith(":"):
            return []  # a comment, used as keep-alive
        field, _, value = line.partition(":")
        value = value.removeprefix(" ")
        if field == "data":
            if value.strip() == "[DONE]":
                return [*self._dispatch(), DONE]
            # Some servers send one JSON object per line without blank lines between.
            if self._data and _complete_json(self._data[-1]) and _complete_json(value):
                events = self._dispatch()
                self._data.append(value)
                return events
            self._data.append(value)
        elif field not in ("event", "id", "retry"):
            self.bad_lines += 1
        return []

    def _dispatch(self) -> list[Any]:
        if not self._data:
            return []
        text = "\n".join(self._data)
        self._data = []
        try:
            return [json.loads(text)]
        except json.JSONDecodeError:
            self.bad_lines += 1
            return []


def _complete_json(text: str) -> bool:
    try:
        json.loads(text)
    except json.JSONDecodeError:
        return False
    return True
