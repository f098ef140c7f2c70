from jobs.job import HIGH, LOW, NORMAL, URGENT, Job
from jobs.jobqueue import JobQueue, retry


def ids(jobs):
    return [job.job_id for job in jobs]


def test_fifo_within_each_priority():
    q = JobQueue()
    q.push(Job("n1", "print", NORMAL))
    q.push(Job("h1", "print", HIGH))
    q.push(Job("n2", "print", NORMAL))
    q.push(Job("h2", "print", HIGH))
    q.push(Job("n3", "print", NORMAL))
    assert ids(q.waiting()) == ["h1", "h2", "n1", "n2", "n3"]
    assert q.peek().job_id == "h1"
    assert ids(q.drain(3)) == ["h1", "h2", "n1"]
    assert ids(q.drain()) == ["n2", "n3"]


def test_reprioritised_job_queues_behind():
    q = JobQueue()
    q.push(Job("u1", "fax", URGENT))
    q.push(Job("x", "fax", LOW))
    q.push(Job("u2", "fax", URGENT))
    q.reprioritise("x", URGENT)
    assert ids(q.drain()) == ["u1", "u2", "x"]


def test_retry_goes_behind_equal_priority():
    q = JobQueue()
    failed = Job("r", "print", 5)
    q.push(Job("w", "print", 4))
    assert retry(q, failed)
    assert failed.priority == 4
    assert ids(q.drain()) == ["w", "r"]


def test_replacing_a_job_keeps_one_copy():
    q = JobQueue()
    q.push(Job("a", "scan", LOW))
    q.push(Job("a", "scan", HIGH))
    assert len(q) == 1
    assert q.count_by_kind() == {"scan": 1}
    assert q.pop().priority == HIGH
