"""Local first; the escalation endpoint only for narrowed tasks, only when configured.

Code leaves the machine only through `Router.escalate`, which refuses unless
the user configured an escalation endpoint and the session is under its cap.
Every escalation is recorded, for the user and for the benchmark.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass
from typing import Any

from ..config import EndpointSettings, Settings
from .client import ModelClient
from .connect import open_client
from .endpoints import resolve_endpoint
from .errors import EscalationUnavailable, ModelError
from .messages import ChatResult

Opener = Callable[[EndpointSettings], Awaitable[ModelClient]]


@dataclass
class EscalationRecord:
    started: float  # unix time
    reason: str
    endpoint: str  # the endpoint's label: URL without any key
    model: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    outcome: str = "answered"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class Router:
    def __init__(self, settings: Settings, opener: Opener = open_client) -> None:
        self.settings = settings
        self._opener = opener
        self._local: ModelClient | None = None
        self._escalation: ModelClient | None = None
        self.records: list[EscalationRecord] = []

    async def local(self) -> ModelClient:
        if self._local is None:
            self._local = await self._opener(self.settings.model)
        return self._local

    @property
    def opened_local(self) -> ModelClient | None:
        """The local client if a task has opened it (status must not start a model to report on it)."""
        return self._local

    @property
    def escalation_configured(self) -> bool:
        return bool(self.settings.escalation.endpoint.strip())

    def escalation_left(self) -> int:
        if not self.escalation_configured:
            return 0
        return max(0, self.settings.escalation.max_per_session - len(self.records))

    async def escalate(self, messages: list[dict[str, Any]], reason: str, **chat_args: Any) -> ChatResult:
        """Send a narrowed task to the escalation endpoint, or raise EscalationUnavailable."""
        if not self.escalation_configured:
            raise EscalationUnavailable("escalation is off: no escalation endpoint is configured")
        if self.escalation_left() <= 0:
            cap = self.settings.escalation.max_per_session
            raise EscalationUnavailable(f"this session used its {cap} escalation(s) (escalation.max_per_session)")
        if self._escalation is None:
            endpoint = resolve_endpoint(self.settings.escalation)
            self._escalation = (
                await self._opener(self.settings.escalation) if endpoint.kind == "embedded" else (ModelClient(endpoint))
            )
        client = self._escalation
        record = EscalationRecord(
            started=time.time(), reason=reason, endpoint=client.endpoint.label, model=client.settings.model or ""
        )
        self.records.append(record)
        try:
            result = await client.chat(messages, **chat_args)
        except ModelError as exc:
            record.outcome = f"failed: {exc}"
            raise
        finally:
            record.seconds = round(time.time() - record.started, 3)
        record.model = result.model or record.model
        record.prompt_tokens = result.usage.prompt_tokens
        record.completion_tokens = result.usage.completion_tokens
        return result

    async def aclose(self) -> None:
        for client in (self._local, self._escalation):
            if client is not None:
                await client.aclose()
        self._local = self._escalation = None
