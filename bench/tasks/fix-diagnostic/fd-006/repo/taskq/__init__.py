"""taskq: an in-process job queue with delays, priorities and retries."""

from .clock import ManualClock, SystemClock
from .queue import Job, JobQueue

__all__ = ["Job", "JobQueue", "ManualClock", "SystemClock"]
