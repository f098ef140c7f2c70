"""When to retry a failed request, and how long to wait before the next try."""

from __future__ import annotations

import random
from dataclasses import dataclass

RETRYABLE_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int = 5
    base_delay: float = 0.5  # seconds
    max_delay: float = 30.0
    jitter: float = 0.1  # fraction of the delay added or removed at random

    def should_retry(self, attempt: int, status: int | None, error: Exception | None = None) -> bool:
        """True when attempt number `attempt` (1-based) failed in a way worth retrying."""
        if attempt >= self.max_attempts:
            return False
        if error is not None:
            return isinstance(error, (ConnectionError, TimeoutError))
        return status in RETRYABLE_STATUS


def backoff_delay(attempt: int, policy: RetryPolicy, rng: random.Random | None = None) -> float:
    """Seconds to wait after failed attempt number `attempt` (1-based).

    Exponential: base_delay * 2 ** (attempt - 1), capped at max_delay, then
    moved up or down by at most `jitter` of itself so that many clients do not
    retry in lock step.
    """
    if attempt < 1:
        raise ValueError("attempt numbers start at 1")
    delay = min(policy.max_delay, policy.base_delay * 2 ** (attempt - 1))
    if policy.jitter:
        rng = rng or random.Random()
        delay *= 1 + rng.uniform(-policy.jitter, policy.jitter)
    return max(0.0, delay)


def retry_after_seconds(header: str | None) -> float | None:
    """The server's Retry-After header in seconds, when it is a plain number."""
    if header is None:
        return None
    try:
        value = float(header.strip())
    except ValueError:
        return None
    return value if value >= 0 else None


def total_worst_case(policy: RetryPolicy) -> float:
    """Longest total wait across all retries (jitter at its maximum)."""
    return sum(
        min(policy.max_delay, policy.base_delay * 2 ** (n - 1)) * (1 + policy.jitter)
        for n in range(1, policy.max_attempts)
    )


def describe(policy: RetryPolicy) -> str:
    return (
        f"up to {policy.max_attempts} attempts, {policy.base_delay}s doubling to {policy.max_delay}s "
        f"(+/-{policy.jitter:.0%}), worst case {total_worst_case(policy):.1f}s of waiting"
    )
