"""Everything that talks to a model: one OpenAI-compatible path, the embedded default, budgets, escalation.

No pygls here: the server and the CLI both drive this layer.
"""

from .client import ModelClient
from .connect import open_client
from .endpoints import Endpoint, resolve_endpoint
from .messages import ChatResult, ToolCall, Usage
from .routing import EscalationRecord, Router
from .tokens import Budget, TokenCounter, estimate_tokens

__all__ = [
    "Budget",
    "ChatResult",
    "Endpoint",
    "EscalationRecord",
    "ModelClient",
    "Router",
    "TokenCounter",
    "ToolCall",
    "Usage",
    "estimate_tokens",
    "open_client",
    "resolve_endpoint",
]
