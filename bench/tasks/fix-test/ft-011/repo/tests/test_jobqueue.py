import pytest

from jobs.job import HIGH, LOW, Job
from jobs.jobqueue import JobQueue


def test_higher_priority_first():
    q = JobQueue()
    q.push(Job("a", "print", LOW))
    q.push(Job("b", "print", HIGH))
    assert q.pop().job_id == "b"


def test_same_priority_is_first_in_first_out():
    q = JobQueue()
    for job_id in ["j1", "j2", "j3"]:
        q.push(Job(job_id, "scan"))
    assert [job.job_id for job in q.drain()] == ["j1", "j2", "j3"]


def test_cancel_skips_job():
    q = JobQueue()
    q.push(Job("a", "print", HIGH))
    q.push(Job("b", "print", LOW))
    q.cancel("a")
    assert q.pop().job_id == "b"
    with pytest.raises(IndexError):
        q.pop()
