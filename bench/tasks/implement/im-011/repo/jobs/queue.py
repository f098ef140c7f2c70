"""JobQueue: priority order, first-in first-out among equal priorities.

Cancelling is lazy: a cancelled job stays in the heap and is dropped when it
reaches the top.
"""

from __future__ import annotations

import heapq
import itertools

from .errors import DuplicateJob
from .job import Job


class JobQueue:
    def __init__(self) -> None:
        self._heap: list[tuple[int, int, Job]] = []
        self._counter = itertools.count()
        self._ids: set[str] = set()
        self._cancelled: set[str] = set()

    def __len__(self) -> int:
        """Jobs waiting (cancelled ones not counted)."""
        return len(self._ids) - len(self._cancelled)

    def __bool__(self) -> bool:
        return len(self) > 0

    def push(self, job: Job) -> None:
        if job.id in self._ids:
            raise DuplicateJob(job.id)
        self._ids.add(job.id)
        heapq.heappush(self._heap, (-job.priority, next(self._counter), job))

    def cancel(self, job_id: str) -> bool:
        """Cancel a waiting job; False if there is no such job waiting."""
        if job_id not in self._ids or job_id in self._cancelled:
            return False
        self._cancelled.add(job_id)
        return True

    def _drop_cancelled_top(self) -> None:
        """Pop cancelled jobs off the top of the heap until a live one (or nothing) is there."""
        while self._heap and self._heap[0][2].id in self._cancelled:
            _, _, job = heapq.heappop(self._heap)
            self._cancelled.discard(job.id)
            self._ids.discard(job.id)

    def peek(self) -> Job | None:
        """The job `pop` would return next, or None when the queue is empty."""
        self._drop_cancelled_top()
        return self._heap[0][2] if self._heap else None

    def pop(self) -> Job:
        """Remove and return the next job.

        The next job has the highest priority; among equal priorities it is the
        one pushed first. Cancelled jobs are skipped (see `_drop_cancelled_top`).
        Raises QueueEmpty, from jobs/errors.py, when no job is waiting. After
        the pop, the job's id may be pushed again.
        """
        raise NotImplementedError

    def drain(self) -> list[Job]:
        """Pop every waiting job, in order."""
        jobs = []
        while self:
            jobs.append(self.pop())
        return jobs

    def by_kind(self) -> dict[str, int]:
        """How many live jobs of each kind are waiting."""
        counts: dict[str, int] = {}
        for _, _, job in self._heap:
            if job.id not in self._cancelled:
                counts[job.kind] = counts.get(job.kind, 0) + 1
        return dict(sorted(counts.items()))
