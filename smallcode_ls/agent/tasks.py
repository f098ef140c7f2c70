"""What the engine is asked to do, and what it answers. One API for the server and the CLI."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

TaskKind = Literal["fix", "implement", "edit", "ask", "make-tests-pass"]


@dataclass
class Diagnostic:
    """A problem reported by anyone (a linter in the editor, our verifier, a test run)."""

    message: str
    line: int  # 0-based
    col: int = 0
    end_line: int | None = None
    source: str = ""
    code: str = ""


@dataclass
class Task:
    kind: TaskKind
    path: str | None = None  # the file, for fix / implement / edit
    instruction: str = ""  # edit: what to do; ask: the question
    symbol: str | None = None  # a name or qualified name in `path` (or anywhere, for ask)
    line: int | None = None  # 0-based: the position the task is about
    end_line: int | None = None  # with `line`, a selection
    diagnostics: list[Diagnostic] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # edit: files in scope
    test_cmd: str | None = None


Status = Literal["verified", "no-verified-fix", "answered", "nothing-to-do", "failed"]


@dataclass
class Outcome:
    status: Status
    message: str = ""
    changes: dict[str, str] = field(default_factory=dict)  # path -> verified new text
    before: dict[str, str] = field(default_factory=dict)  # path -> text the edit was made against
    answer: str = ""
    best_attempt: dict[str, str] = field(default_factory=dict)  # unverified, never applied
    remaining: list[str] = field(default_factory=list)  # errors left in the best attempt
    units: list[str] = field(default_factory=list)  # what was worked on, with its result
    rounds: int = 0
    decompositions: int = 0
    escalations: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    seconds: float = 0.0
    trace: str | None = None

    def as_dict(self, relative: Any = None) -> dict[str, Any]:
        data = asdict(self)
        data["files_changed"] = sorted(relative(p) if relative else p for p in self.changes)
        data.pop("before")
        data.pop("changes")
        data.pop("best_attempt")
        return data
