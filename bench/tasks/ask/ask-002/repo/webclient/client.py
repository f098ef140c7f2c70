"""HttpClient: sends requests through a transport and retries failures."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable, Protocol

from .retry import RetryPolicy, backoff_delay, retry_after_seconds


@dataclass
class Response:
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


class Transport(Protocol):
    def send(self, method: str, url: str, body: bytes | None) -> Response: ...


class RequestFailed(Exception):
    def __init__(self, url: str, attempts: int, last: str) -> None:
        super().__init__(f"{url}: gave up after {attempts} attempts ({last})")
        self.attempts = attempts


class HttpClient:
    def __init__(
        self,
        transport: Transport,
        policy: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.transport = transport
        self.policy = policy or RetryPolicy()
        self.sleep = sleep
        self.waited = 0.0

    def request_with_retry(self, method: str, url: str, body: bytes | None = None) -> Response:
        """Send the request, retrying as the policy allows; raises RequestFailed at the end."""
        attempt = 0
        while True:
            attempt += 1
            error: Exception | None = None
            response: Response | None = None
            try:
                response = self.transport.send(method, url, body)
            except (ConnectionError, TimeoutError) as exc:
                error = exc
            if response is not None and response.ok:
                return response
            status = response.status if response is not None else None
            if not self.policy.should_retry(attempt, status, error):
                raise RequestFailed(url, attempt, repr(error) if error else f"status {status}")
            hinted = retry_after_seconds(response.headers.get("Retry-After")) if response is not None else None
            delay = hinted if hinted is not None else backoff_delay(attempt, self.policy)
            self.waited += delay
            self.sleep(delay)

    def get(self, url: str) -> Response:
        return self.request_with_retry("GET", url)

    def put(self, url: str, body: bytes) -> Response:
        return self.request_with_retry("PUT", url, body)
