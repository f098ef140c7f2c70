"""What a job is."""

from __future__ import annotations

from dataclasses import dataclass, field

LOW, NORMAL, HIGH, URGENT = 0, 5, 10, 20


@dataclass
class Job:
    job_id: str
    kind: str
    priority: int = NORMAL
    payload: dict = field(default_factory=dict)
    attempts: int = 0

    def describe(self) -> str:
        return f"{self.job_id} [{self.kind}, priority {self.priority}]"
