"""One JSON-lines trace per agent run, under the workspace's `.smallcode/traces/`.

Prompts, token counts, timings, every verification, decompositions and
escalations: enough to see why a run went the way it did. Endpoint keys are
never passed in here, so they cannot end up in a trace.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any


class Trace:
    def __init__(self, root: str | None, kind: str) -> None:
        self.path: Path | None = None
        self.started = time.monotonic()
        if root is not None:
            directory = Path(root) / ".smallcode" / "traces"
            try:
                directory.mkdir(parents=True, exist_ok=True)
                stamp = time.strftime("%Y%m%d-%H%M%S")
                self.path = directory / f"{stamp}-{os.getpid()}-{kind}.jsonl"
            except OSError:
                self.path = None  # a read-only workspace still gets its edit, without a trace

    def event(self, name: str, **data: Any) -> None:
        if self.path is None:
            return
        record = {"t": round(time.monotonic() - self.started, 3), "event": name, **data}
        try:
            with self.path.open("a", encoding="utf-8") as fh:
                fh.write(json.dumps(record, default=str) + "\n")
        except OSError:
            self.path = None
