"""Heading anchors, the way the project's wiki renders them."""

from __future__ import annotations

import re

_DROP = re.compile(r"[^\w\- ]", re.UNICODE)


def anchor(text: str) -> str:
    """'Hello, World!' -> 'hello-world': lower-case, punctuation dropped, spaces to '-'."""
    cleaned = _DROP.sub("", text.strip().lower())
    return re.sub(r" +", "-", cleaned)


class AnchorSet:
    """Hands out unique anchors: repeats get '-1', '-2', ..."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def unique(self, text: str) -> str:
        base = anchor(text)
        count = self._seen.get(base, 0)
        self._seen[base] = count + 1
        return base if count == 0 else f"{base}-{count}"
