"""A priority queue of jobs.

Higher priority jobs come out first. Among jobs of the same priority the
queue is fair: they come out in the order they were pushed (first in, first
out). A job can be cancelled or re-prioritised while it waits.
"""

from __future__ import annotations

import heapq
import itertools
from typing import Iterator

from .job import Job

_REMOVED = object()


class JobQueue:
    def __init__(self) -> None:
        self._heap: list[list] = []
        self._entries: dict[str, list] = {}
        self._counter = itertools.count()

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, job_id: str) -> bool:
        return job_id in self._entries

    def push(self, job: Job) -> None:
        """Add a job; pushing an id that is already waiting replaces the old job."""
        if job.job_id in self._entries:
            self.cancel(job.job_id)
        entry = [-job.priority, -next(self._counter), job]
        self._entries[job.job_id] = entry
        heapq.heappush(self._heap, entry)

    def cancel(self, job_id: str) -> Job:
        """Remove a waiting job and return it; KeyError when it is not waiting."""
        entry = self._entries.pop(job_id)
        job = entry[2]
        entry[2] = _REMOVED
        return job

    def _discard_removed(self) -> None:
        while self._heap and self._heap[0][2] is _REMOVED:
            heapq.heappop(self._heap)

    def pop(self) -> Job:
        """The next job to run; IndexError when the queue is empty."""
        self._discard_removed()
        if not self._heap:
            raise IndexError("pop from an empty job queue")
        job = heapq.heappop(self._heap)[2]
        del self._entries[job.job_id]
        return job

    def peek(self) -> Job | None:
        self._discard_removed()
        return self._heap[0][2] if self._heap else None

    def reprioritise(self, job_id: str, priority: int) -> None:
        """Change a waiting job's priority; it queues behind jobs already at that priority."""
        job = self.cancel(job_id)
        job.priority = priority
        self.push(job)

    def drain(self, limit: int | None = None) -> list[Job]:
        """Pop up to `limit` jobs (all when None), in run order."""
        out = []
        while self._entries and (limit is None or len(out) < limit):
            out.append(self.pop())
        return out

    def waiting(self) -> Iterator[Job]:
        """The waiting jobs in run order, without removing them."""
        live = sorted(entry for entry in self._heap if entry[2] is not _REMOVED)
        return (entry[2] for entry in live)

    def count_by_kind(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for entry in self._entries.values():
            counts[entry[2].kind] = counts.get(entry[2].kind, 0) + 1
        return dict(sorted(counts.items()))


def retry(queue: JobQueue, job: Job, max_attempts: int = 3) -> bool:
    """Put a failed job back at lower priority; False once it has used all attempts."""
    job.attempts += 1
    if job.attempts >= max_attempts:
        return False
    job.priority = max(0, job.priority - 1)
    queue.push(job)
    return True
