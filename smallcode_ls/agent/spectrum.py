"""Spectrum-based fault localization: which workspace functions the failing tests run that the
passing tests do not. Read from the files the `smallcode_trace` pytest plugin writes.

A function's suspiciousness is the Ochiai score, failed(f) / sqrt(total_failed * (failed(f) +
passed(f))): 1.0 for a function every failing test runs and no passing test does. Among equal
scores the one deeper in the call stack goes first: the helper that computes a wrong value sits
below the methods that pass it along.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class FunctionRuns:
    path: str  # absolute, in the workspace
    qualname: str
    line: int  # 0-based first line (the first decorator's, for decorated functions)
    failed: int = 0
    passed: int = 0
    depth: int = 1 << 30  # the shallowest call depth in a failing test


@dataclass
class Spectrum:
    failing: int = 0
    passing: int = 0
    functions: dict[tuple[str, str], FunctionRuns] = field(default_factory=dict)

    def score(self, runs: FunctionRuns) -> float:
        if not self.failing or not runs.failed:
            return 0.0
        return runs.failed / math.sqrt(self.failing * (runs.failed + runs.passed))

    def ranked(self) -> list[FunctionRuns]:
        """Functions some failing test ran, likeliest fault first."""
        suspects = [runs for runs in self.functions.values() if runs.failed]
        return sorted(suspects, key=lambda runs: (-self.score(runs), -runs.depth, runs.path, runs.line))


def read_spectrum(trace_dir: str, workspace_root: str) -> Spectrum | None:
    """Merge the plugin's files (one per test process); None when it wrote none or no test failed.
    Paths in the files are relative to the sandbox; they map back onto `workspace_root`."""
    spectrum = Spectrum()
    files = sorted(Path(trace_dir).glob("trace-*.json"))
    for file in files:
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
            tests = data["tests"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        for test in tests.values():
            failed = bool(test.get("failed"))
            if failed:
                spectrum.failing += 1
            else:
                spectrum.passing += 1
            for rel, qualname, line, depth in test.get("functions", []):
                path = os.path.normpath(os.path.join(workspace_root, rel))
                runs = spectrum.functions.setdefault((path, qualname), FunctionRuns(path, qualname, int(line) - 1))
                if failed:
                    runs.failed += 1
                    runs.depth = min(runs.depth, int(depth))
                else:
                    runs.passed += 1
    return spectrum if spectrum.failing else None
