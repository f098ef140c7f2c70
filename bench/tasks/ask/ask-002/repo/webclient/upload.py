"""Chunked uploads: big files are sent in parts, each part retried on its own."""

from __future__ import annotations

import time
from typing import Callable

from .client import HttpClient, Response
from .retry import RetryPolicy, backoff_delay

CHUNK_SIZE = 4 * 1024 * 1024


class Uploader:
    def __init__(self, client: HttpClient, base_url: str, sleep: Callable[[float], None] = time.sleep) -> None:
        self.client = client
        self.base_url = base_url.rstrip("/")
        self.sleep = sleep
        # Parts are cheap to resend, so they get more attempts than whole requests.
        self.part_policy = RetryPolicy(max_attempts=8, base_delay=0.25, max_delay=10.0)

    def upload_chunk(self, upload_id: str, index: int, data: bytes) -> Response:
        """PUT one part; a 409 (part already stored) counts as success."""
        url = f"{self.base_url}/uploads/{upload_id}/parts/{index}"
        attempt = 0
        while True:
            attempt += 1
            response = self.client.transport.send("PUT", url, data)
            if response.ok or response.status == 409:
                return response
            if not self.part_policy.should_retry(attempt, response.status):
                raise RuntimeError(f"part {index} failed with status {response.status}")
            self.sleep(backoff_delay(attempt, self.part_policy))

    def upload(self, upload_id: str, data: bytes) -> int:
        """Send every part, then ask the server to join them; returns the number of parts."""
        parts = [data[i : i + CHUNK_SIZE] for i in range(0, len(data), CHUNK_SIZE)] or [b""]
        for index, part in enumerate(parts):
            self.upload_chunk(upload_id, index, part)
        self.client.request_with_retry("POST", f"{self.base_url}/uploads/{upload_id}/complete")
        return len(parts)
