"""Run jobs from a queue with registered handlers."""

from __future__ import annotations

from typing import Callable

from .errors import JobFailed, QueueEmpty
from .job import Job
from .queue import JobQueue

Handler = Callable[[Job], object]


class Worker:
    def __init__(self, queue: JobQueue, max_attempts: int = 3) -> None:
        self.queue = queue
        self.max_attempts = max_attempts
        self.handlers: dict[str, Handler] = {}
        self.done: list[str] = []
        self.failed: list[str] = []

    def register(self, kind: str, handler: Handler) -> None:
        self.handlers[kind] = handler

    def run_once(self) -> bool:
        """Run the next job; False when the queue was empty."""
        try:
            job = self.queue.pop()
        except QueueEmpty:
            return False
        job.attempts += 1
        try:
            self.handlers[job.kind](job)
        except Exception as exc:  # a failing handler must not stop the worker
            if job.attempts < self.max_attempts:
                self.queue.push(job)
            else:
                self.failed.append(str(JobFailed(job.id, repr(exc))))
        else:
            self.done.append(job.id)
        return True

    def run_all(self) -> int:
        count = 0
        while self.run_once():
            count += 1
        return count
