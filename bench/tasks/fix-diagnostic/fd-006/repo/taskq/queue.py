"""The job queue.

Jobs wait until their `run_at` time, then come out by priority (lower number
first), then by submission order. A job that is popped is *in flight* until
it is acknowledged (done) or failed; a failed job is retried later with an
exponential backoff until it runs out of attempts, then it goes to the dead
letter list.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from .backoff import exponential
from .clock import SystemClock


@dataclass
class Job:
    id: int
    name: str
    priority: int = 10
    run_at: float = 0.0
    attempts: int = 0
    max_attempts: int = 3
    payload: dict[str, Any] = field(default_factory=dict)
    last_error: str = ""

    def sort_key(self, order: int) -> tuple[float, int, int]:
        return (self.run_at, self.priority, order)


class UnknownJob(KeyError):
    """No job with this id is waiting or in flight."""


class JobQueue:
    """Waiting jobs, jobs in flight, and dead letters."""

    def __init__(self, clock=None, backoff_base: float = 1.0) -> None:
        self.clock = clock if clock is not None else SystemClock()
        self.backoff_base = backoff_base
        self._ids = itertools.count(1)
        self._order = itertools.count()
        self._waiting: dict[int, Job] = {}
        self._orders: dict[int, int] = {}
        self._in_flight: dict[int, Job] = {}
        self._paused: set[str] = set()
        self.dead: list[Job] = []
        self.completed = 0

    # -- submitting -------------------------------------------------------

    def submit(self, name: str, payload: dict[str, Any] | None = None, *, delay: float = 0.0,
               priority: int = 10, max_attempts: int = 3) -> Job:
        """Queue a job to run `delay` seconds from now; returns the job."""
        if delay < 0:
            raise ValueError("delay must not be negative")
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        job = Job(
            id=next(self._ids),
            name=name,
            priority=priority,
            run_at=self.clock.now() + delay,
            max_attempts=max_attempts,
            payload=dict(payload or {}),
        )
        self._enqueue(job)
        return job

    def _enqueue(self, job: Job) -> None:
        self._waiting[job.id] = job
        self._orders[job.id] = next(self._order)

    def cancel(self, job_id: int) -> Job:
        """Remove a waiting job; jobs in flight cannot be cancelled."""
        try:
            job = self._waiting.pop(job_id)
        except KeyError:
            raise UnknownJob(job_id) from None
        self._orders.pop(job_id, None)
        return job

    # -- pausing by name ------------------------------------------------------

    def pause(self, name: str) -> None:
        """Jobs with this name stay waiting until resumed."""
        self._paused.add(name)

    def resume(self, name: str) -> None:
        self._paused.discard(name)

    def paused(self) -> list[str]:
        return sorted(self._paused)

    # -- running --------------------------------------------------------------

    def _ready(self, now: float) -> list[Job]:
        """Waiting jobs that are due and not paused, in the order they come out."""
        due = [j for j in self._waiting.values() if j.run_at <= now and j.name not in self._paused]
        return sorted(due, key=lambda j: (j.priority, self._orders[j.id]))

    def pop_ready(self, limit: int = 1) -> list[Job]:
        """Take up to `limit` due jobs (best priority first); they go in flight.

        Each popped job counts one more attempt.
        """
        if limit < 1:
            raise ValueError("limit must be at least 1")
        current = self.clock.now()
        taken = self._ready(now)[:limit]
        for job in taken:
            del self._waiting[job.id]
            self._orders.pop(job.id, None)
            job.attempts += 1
            self._in_flight[job.id] = job
        return taken

    def ack(self, job_id: int) -> Job:
        """The job finished: forget it."""
        try:
            job = self._in_flight.pop(job_id)
        except KeyError:
            raise UnknownJob(job_id) from None
        self.completed += 1
        return job

    def fail(self, job_id: int, error: str = "") -> bool:
        """The job failed. Retry it after a backoff, or move it to `dead`.

        Returns True when the job will be retried.
        """
        try:
            job = self._in_flight.pop(job_id)
        except KeyError:
            raise UnknownJob(job_id) from None
        job.last_error = error
        if job.attempts >= job.max_attempts:
            self.dead.append(job)
            return False
        job.run_at = self.clock.now() + exponential(job.attempts, base=self.backoff_base)
        self._enqueue(job)
        return True

    def requeue_in_flight(self) -> int:
        """Put every job in flight back to waiting (a worker died); returns how many.

        They are due immediately; the attempts they used are kept.
        """
        jobs = sorted(self._in_flight.values(), key=lambda j: j.id)
        self._in_flight.clear()
        now = self.clock.now()
        for job in jobs:
            job.run_at = now
            self._enqueue(job)
        return len(jobs)

    def retry_dead(self, name: str | None = None) -> int:
        """Give dead jobs (all, or those with `name`) a fresh set of attempts."""
        keep, revive = [], []
        for job in self.dead:
            (revive if name is None or job.name == name else keep).append(job)
        self.dead = keep
        now = self.clock.now()
        for job in revive:
            job.attempts = 0
            job.run_at = now
            self._enqueue(job)
        return len(revive)

    # -- looking --------------------------------------------------------------

    def next_run_at(self) -> float | None:
        """When the next unpaused waiting job becomes due, or None."""
        times = [j.run_at for j in self._waiting.values() if j.name not in self._paused]
        return min(times) if times else None

    def waiting(self) -> list[Job]:
        return sorted(self._waiting.values(), key=lambda j: j.sort_key(self._orders[j.id]))

    def in_flight(self) -> list[Job]:
        return sorted(self._in_flight.values(), key=lambda j: j.id)

    def stats(self) -> dict[str, int]:
        return {
            "waiting": len(self._waiting),
            "in_flight": len(self._in_flight),
            "dead": len(self.dead),
            "completed": self.completed,
        }

    def __len__(self) -> int:
        return len(self._waiting) + len(self._in_flight)

    # -- snapshots ------------------------------------------------------------

    def snapshot(self) -> list[dict[str, Any]]:
        """Waiting and in-flight jobs as plain dicts (in-flight ones as due now)."""
        now = self.clock.now()
        rows = []
        for job in self.waiting() + self.in_flight():
            rows.append(
                {
                    "name": job.name,
                    "priority": job.priority,
                    "delay": max(0.0, job.run_at - now) if job.id in self._waiting else 0.0,
                    "attempts": job.attempts,
                    "max_attempts": job.max_attempts,
                    "payload": dict(job.payload),
                }
            )
        return rows

    @classmethod
    def restore(cls, rows: list[dict[str, Any]], clock=None) -> "JobQueue":
        """A new queue holding the jobs of a snapshot (with new ids)."""
        queue = cls(clock=clock)
        for row in rows:
            job = queue.submit(
                row["name"],
                row.get("payload"),
                delay=row.get("delay", 0.0),
                priority=row.get("priority", 10),
                max_attempts=row.get("max_attempts", 3),
            )
            job.attempts = row.get("attempts", 0)
        return queue


def drain(queue: JobQueue, handler, batch: int = 10) -> int:
    """Run every due job through `handler(job)`; exceptions fail the job. Returns jobs handled."""
    handled = 0
    while True:
        jobs = queue.pop_ready(batch)
        if not jobs:
            return handled
        for job in jobs:
            handled += 1
            try:
                handler(job)
            except Exception as exc:  # the queue records the error and retries
                queue.fail(job.id, str(exc))
            else:
                queue.ack(job.id)
