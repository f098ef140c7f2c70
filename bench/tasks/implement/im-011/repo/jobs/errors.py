"""Exceptions raised by the job queue and workers."""


class JobError(Exception):
    """Base class for job queue errors."""


class QueueEmpty(JobError):
    """Raised when a job is requested from a queue that has none left."""


class DuplicateJob(JobError):
    """Raised when a job id is pushed twice."""


class JobFailed(JobError):
    def __init__(self, job_id: str, reason: str) -> None:
        super().__init__(f"job {job_id} failed: {reason}")
        self.job_id = job_id
        self.reason = reason
