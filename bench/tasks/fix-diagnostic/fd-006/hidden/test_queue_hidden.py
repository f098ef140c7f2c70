import pytest

from taskq.clock import ManualClock
from taskq.queue import JobQueue, UnknownJob, drain


def make():
    clock = ManualClock()
    return clock, JobQueue(clock=clock)


def test_pop_ready_respects_time_and_priority():
    clock, q = make()
    a = q.submit("email", priority=5)
    b = q.submit("report", delay=10)
    c = q.submit("email", priority=1)
    assert [j.id for j in q.pop_ready(5)] == [c.id, a.id]
    assert q.pop_ready() == []
    clock.advance(10)
    (job,) = q.pop_ready()
    assert job.id == b.id and job.attempts == 1
    assert q.stats() == {"waiting": 0, "in_flight": 3, "dead": 0, "completed": 0}


def test_pop_ready_limit_and_pause():
    clock, q = make()
    for _ in range(3):
        q.submit("a")
    q.submit("b")
    q.pause("a")
    assert [j.name for j in q.pop_ready(10)] == ["b"]
    q.resume("a")
    assert len(q.pop_ready(2)) == 2
    with pytest.raises(ValueError):
        q.pop_ready(0)


def test_fail_retries_with_backoff_then_dead():
    clock, q = make()
    job = q.submit("flaky", max_attempts=2)
    q.pop_ready()
    assert q.fail(job.id, "boom") is True
    assert q.next_run_at() == 1.0
    assert q.pop_ready() == []
    clock.advance(1)
    q.pop_ready()
    assert q.fail(job.id, "boom again") is False
    assert [j.last_error for j in q.dead] == ["boom again"]
    assert q.retry_dead() == 1
    assert q.pop_ready()[0].attempts == 1


def test_drain_and_unknown():
    clock, q = make()
    q.submit("ok")
    q.submit("bad", max_attempts=1)

    def handler(job):
        if job.name == "bad":
            raise RuntimeError("nope")

    assert drain(q, handler) == 2
    assert q.stats()["completed"] == 1
    assert q.stats()["dead"] == 1
    with pytest.raises(UnknownJob):
        q.ack(99)


def test_snapshot_restore():
    clock, q = make()
    q.submit("later", {"x": 1}, delay=30, priority=2)
    clock.advance(10)
    rows = q.snapshot()
    assert rows[0]["delay"] == 20
    q2 = JobQueue.restore(rows, clock=ManualClock())
    assert q2.next_run_at() == 20
