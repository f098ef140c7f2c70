"""What the type check adds to a verification: mypy on the file before the task, then on an answer.

Times `TypeChecks.added` on im-005's `group_totals` with a wrong answer (a list returned for a
`dict[str, Decimal]`), in a copy of the task's repository: once with an empty mypy cache (the
first check on a machine), then as each new task does it (the baseline and the answer, with the
cache warm). A model round with the 1.5B takes tens of seconds; this is the price per answer.

    .venv/bin/python bench/type_check_cost.py [--runs 7]
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from smallcode_ls.agent.type_check import TypeChecks, describe
from smallcode_ls.agent.units import symbols_of, unit_for_symbol
from smallcode_ls.agent.verify import Verifier
from smallcode_ls.config import AgentSettings
from smallcode_ls.graph import CodeGraph, IndexOptions, index_workspace
from smallcode_ls.workspace import Workspace

TASK = Path(__file__).parent / "tasks" / "implement" / "im-005" / "repo"
WRONG = "    totals: dict[str, Decimal] = {}\n    return sorted(totals.items())"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "repo"
        shutil.copytree(TASK, root)
        path = str((root / "csvreport" / "summary.py").resolve())
        text = Path(path).read_text()
        candidate = text.replace("    raise NotImplementedError", WRONG, 1)
        unit = unit_for_symbol(path, text, next(s for s in symbols_of(path, text) if s.qualname == "group_totals"))
        workspace = Workspace([str(root.resolve())])
        graph = CodeGraph([str(root.resolve())])
        index_workspace(graph, IndexOptions(cache=False))
        cache = str(Path(scratch) / "cache")
        times, found = [], []
        for _ in range(args.runs):
            checks = TypeChecks(Verifier(workspace, AgentSettings()), graph, cache)  # a new task: its baseline again
            started = time.perf_counter()
            found = asyncio.run(checks.added(path, text, candidate, unit, text, ({}, {})))
            times.append(time.perf_counter() - started)
    print(f"first check, empty cache: {times[0]:.2f} s")
    print(f"each later task (baseline + answer), median of {len(times) - 1}: {statistics.median(times[1:]):.2f} s")
    print("found:", *(describe(p, candidate, checks.members) for p in found), sep="\n  ")


if __name__ == "__main__":
    main()
