"""Judge one benchmark task's result: hidden tests in a clean copy, or the written rule for `ask`.

Used by the runner and by validate_tasks.py, so the rule that scores agents is
the rule that checked the tasks.
"""

from __future__ import annotations

import keyword
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
JUDGE_TIMEOUT = 180
_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


@dataclass
class Verdict:
    passed: bool
    detail: str


def load_task(task_dir: Path) -> dict:
    with open(task_dir / "task.toml", "rb") as fh:
        task = tomllib.load(fh)
    task["dir"] = str(task_dir)
    return task


def judge(task: dict, result_dir: Path, answer: str | None = None) -> Verdict:
    """`result_dir` holds the repository after the agent ran (never modified here)."""
    if task["kind"] == "ask":
        return judge_answer(task, answer or "", Path(task["dir"]) / "repo")
    with tempfile.TemporaryDirectory(prefix="smallcode-judge-") as tmp:
        clean = Path(tmp) / "repo"
        shutil.copytree(result_dir, clean, ignore=shutil.ignore_patterns(".smallcode", "__pycache__", ".git"))
        hidden = Path(task["dir"]) / "hidden"
        shutil.copytree(hidden, clean / "hidden", dirs_exist_ok=True)
        env = {
            **os.environ,
            "SMALLCODE_BENCH": str(BENCH),
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
            "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""),
        }
        try:
            done = subprocess.run(
                task["judge"]["command"],
                shell=True,
                cwd=clean,
                capture_output=True,
                text=True,
                timeout=JUDGE_TIMEOUT,
                env=env,
            )
        except subprocess.TimeoutExpired:
            return Verdict(False, f"judge timed out after {JUDGE_TIMEOUT} s")
        output = (done.stdout + done.stderr)[-2000:]
        return Verdict(done.returncode == 0, output)


def judge_answer(task: dict, answer: str, repo: Path) -> Verdict:
    """The ask rule: every required name and file is mentioned; no invented identifier is."""
    rule = task["judge"]
    missing = [name for name in rule.get("required", []) if not _mentions(answer, name)]
    missing += [f for f in rule.get("required_files", []) if f not in answer and os.path.basename(f) not in answer]
    known = repo_words(repo)
    named = set(re.findall(r"`([A-Za-z_][\w.]*)(?:\(\))?`", answer)) | set(re.findall(r"\b([A-Za-z_]\w*)\(\)", answer))
    files = {p.name for p in repo.rglob("*") if p.is_file()}
    invented = sorted(
        n
        for n in named
        if n not in files  # `quote.py` is a file name, not an identifier
        and not all(part in known or keyword.iskeyword(part) or part in _BUILTIN_WORDS for part in n.split(".") if part)
    )
    if missing or invented:
        return Verdict(False, f"missing: {missing}; invented: {invented}")
    return Verdict(True, "all required names and files named, nothing invented")


def _mentions(answer: str, name: str) -> bool:
    """`Report.render` counts when written whole, or as `render` next to `Report`."""
    if name in answer:
        return True
    parts = name.split(".")
    return all(re.search(rf"\b{re.escape(p)}\b", answer) for p in parts)


def repo_words(repo: Path) -> set[str]:
    words: set[str] = set()
    for path in repo.rglob("*"):
        if path.is_file() and path.suffix in (".py", ".js", ".ts", ".mjs", ".json", ".toml", ".md"):
            words.update(_IDENT.findall(path.read_text(encoding="utf-8", errors="replace")))
    return words


_BUILTIN_WORDS = set(dir(__builtins__)) | set(sys.stdlib_module_names) | {"self", "cls", "this", "pytest"}
