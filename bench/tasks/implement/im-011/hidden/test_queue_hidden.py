import pytest

from jobs.errors import QueueEmpty
from jobs.job import Job
from jobs.queue import JobQueue
from jobs.worker import Worker


def test_priority_then_fifo():
    q = JobQueue()
    for jid, prio in [("a", 1), ("b", 5), ("c", 1), ("d", 5)]:
        q.push(Job(jid, "mail", prio))
    assert [q.pop().id for _ in range(4)] == ["b", "d", "a", "c"]


def test_empty_raises_queue_empty():
    with pytest.raises(QueueEmpty):
        JobQueue().pop()


def test_cancelled_skipped():
    q = JobQueue()
    q.push(Job("a", "mail", 9))
    q.push(Job("b", "mail", 1))
    q.cancel("a")
    assert q.pop().id == "b"
    with pytest.raises(QueueEmpty):
        q.pop()
    assert len(q) == 0


def test_id_reusable_after_pop():
    q = JobQueue()
    q.push(Job("a", "mail"))
    q.pop()
    q.push(Job("a", "mail"))
    assert len(q) == 1


def test_worker_retries():
    q = JobQueue()
    q.push(Job("x", "flaky", 1))
    q.push(Job("y", "ok", 0))
    w = Worker(q, max_attempts=2)
    w.register("ok", lambda job: None)

    def flaky(job):
        raise RuntimeError("boom")

    w.register("flaky", flaky)
    assert w.run_all() == 3
    assert w.done == ["y"]
    assert len(w.failed) == 1
