"""Typed model errors, each with a message a user can act on.

Every failure that reaches the agent, the CLI or the editor is one of these;
the message names the endpoint (never its key) and says what to do.
"""

from __future__ import annotations


class ModelError(Exception):
    """Base of every model-layer failure."""

    retryable = False


class EndpointUnreachable(ModelError):
    """The connection was refused or the host does not answer."""

    retryable = True


class EndpointTimeout(ModelError):
    """No answer (or no first token) within the configured time.

    Not retried: on a CPU the same prompt would be just as slow again.
    """


class StreamStalled(ModelError):
    """A streamed answer stopped arriving in the middle; `partial` is what arrived.

    Not retried by the client: part of the answer may already be shown.
    """

    def __init__(self, message: str, partial: str = "") -> None:
        super().__init__(message)
        self.partial = partial


class RateLimited(ModelError):
    """429 from the endpoint; `retry_after` is what the server asked for, in seconds."""

    retryable = True

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ServerError(ModelError):
    """5xx from the endpoint."""

    retryable = True

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class RequestRejected(ModelError):
    """4xx other than 429: wrong model name, bad key, a request the server refuses."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class BadResponse(ModelError):
    """The reply is not what the OpenAI-compatible API promises (invalid JSON, broken stream)."""


class ReplyTooLarge(ModelError):
    """The reply exceeded the configured size limit; the rest was not read."""


class ToolCallParseError(ModelError):
    """The model was asked for a tool call and nothing in its reply parses as one."""

    def __init__(self, message: str, text: str = "") -> None:
        super().__init__(message)
        self.text = text


class BudgetExceeded(ModelError):
    """A prompt part does not fit its share of the context window."""


class ConfigurationError(ModelError):
    """An endpoint setting cannot work (unknown preset, missing key variable)."""


class EmbeddedModelMissing(ModelError):
    """The embedded model or its runtime is not installed; the message names the pip command."""


class ModelChecksumError(ModelError):
    """The assembled embedded model does not have the published sha256."""


class EmbeddedServerFailed(ModelError):
    """The managed llama.cpp server did not start or died; the message points at its log."""


class EscalationUnavailable(ModelError):
    """Escalation is off, or this session used up its cap."""
