"""Does make-tests-pass look in the right place? For every make-tests-pass task: run its visible
tests, ask the engine for its suspects (no model involved), and compare them with the unit the
task's solution changes.

    .venv/bin/python bench/localization.py ['fix-test/*']

Prints one line per task, for the suspects read from the test output alone and for those with the
traced test spectrum (what make-tests-pass uses for a wrong result): FIRST (the first suspect is
right), TRIED (a later one of the three the engine tries), or MISS; then a summary of each.
"""

from __future__ import annotations

import asyncio
import difflib
import os
import subprocess
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from smallcode_ls.agent.engine import Engine  # noqa: E402
from smallcode_ls.agent.units import unit_at_line  # noqa: E402
from smallcode_ls.config import EndpointSettings, Settings  # noqa: E402
from smallcode_ls.graph import CodeGraph, IndexOptions, index_workspace  # noqa: E402
from smallcode_ls.model.routing import Router  # noqa: E402
from smallcode_ls.workspace import Workspace  # noqa: E402

TRIED = 3  # as many suspects as Engine._make_tests_pass tries


def changed_units(task_dir: Path) -> list[tuple[str, str]]:
    """(file, unit label) of the first change in each file the solution touches."""
    found = []
    for fixed in sorted((task_dir / "solution").rglob("*")):
        rel = fixed.relative_to(task_dir / "solution")
        original = task_dir / "repo" / rel
        if not fixed.is_file() or not original.is_file():
            continue
        before, after = original.read_text().split("\n"), fixed.read_text().split("\n")
        for tag, i1, _i2, _j1, _j2 in difflib.SequenceMatcher(None, before, after).get_opcodes():
            if tag != "equal":
                found.append((str(rel), unit_at_line(str(original), original.read_text(), i1).label))
                break
    return found


def main() -> int:
    pattern = sys.argv[1] if len(sys.argv) > 1 else "*/*"
    counts = {label: {"FIRST": 0, "TRIED": 0, "MISS": 0} for label in ("output", "traced")}
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    for task_dir in sorted((HERE / "tasks").glob(pattern)):
        if not (task_dir / "task.toml").is_file():
            continue
        task = tomllib.loads((task_dir / "task.toml").read_text())
        if task["kind"] != "make-tests-pass":
            continue
        root = str(task_dir / "repo")
        settings = Settings(model=EndpointSettings(endpoint="http://127.0.0.1:9/v1", model="none"))
        graph = CodeGraph([root])
        index_workspace(graph, IndexOptions(cache=False))
        engine = Engine(Workspace([root]), graph, Router(settings), settings)
        env = {**os.environ, "PYTHONPATH": root, "PYTHONDONTWRITEBYTECODE": "1"}
        done = subprocess.run(task["test_cmd"], shell=True, cwd=root, capture_output=True, text=True, env=env)
        engine.verifier.test_cmd = task["test_cmd"]
        output = done.stdout + done.stderr
        spectrum = (
            asyncio.run(engine._spectrum({}, engine.locator.failing_test_files(output)))
            if engine.locator.wrong_result(output)
            else None
        )
        wanted = changed_units(task_dir)
        line = [task["id"]]
        for label, traced in (("output", None), ("traced", spectrum)):
            suspects = []
            for path, number in engine.locator.suspects(output, traced):
                unit = (os.path.relpath(path, root), unit_at_line(path, Path(path).read_text(), number).label)
                if unit not in suspects:
                    suspects.append(unit)
            verdict = "FIRST" if suspects[:1] and suspects[0] in wanted else "MISS"
            if verdict == "MISS" and any(s in wanted for s in suspects[:TRIED]):
                verdict = "TRIED"
            counts[label][verdict] += 1
            line.append(f"{label} {verdict} {[u[1] for u in suspects[:TRIED]]}")
        print(" | ".join(line) + f" | solution changes {[u[1] for u in wanted]}", flush=True)
    for label, found in counts.items():
        total = sum(found.values())
        print(f"{label}: {total} tasks: {found['FIRST']} first, {found['TRIED']} later, {found['MISS']} missed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
