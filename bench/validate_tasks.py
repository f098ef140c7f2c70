"""Check every benchmark task: well formed, the repo as given fails its judge, the solution passes.

.venv/bin/python bench/validate_tasks.py [GLOB]     # e.g. 'fix-diagnostic/*'
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from judge import judge, load_task

TASKS = Path(__file__).resolve().parent / "tasks"
KINDS = {"fix", "implement", "edit", "ask", "make-tests-pass"}
CATEGORIES = {"fix-diagnostic": 25, "fix-test": 20, "implement": 20, "edit": 15, "ask": 10, "js": 10}


def task_dirs(pattern: str = "*/*") -> list[Path]:
    return sorted(p for p in TASKS.glob(pattern) if (p / "task.toml").is_file())


def check(task_dir: Path) -> list[str]:
    problems: list[str] = []
    try:
        task = load_task(task_dir)
    except Exception as exc:  # a broken toml is reported, not raised
        return [f"task.toml: {exc}"]
    if task.get("id") != task_dir.name:
        problems.append(f"id {task.get('id')!r} is not the directory name")
    if task.get("kind") not in KINDS:
        problems.append(f"kind {task.get('kind')!r} is not one of {sorted(KINDS)}")
    if task.get("category") != task_dir.parent.name:
        problems.append(f"category {task.get('category')!r} is not the directory {task_dir.parent.name!r}")
    repo = task_dir / "repo"
    if not repo.is_dir():
        return [*problems, "no repo/"]
    target = task.get("target")
    if target and not (repo / target).is_file() and task.get("kind") != "edit":
        problems.append(f"target {target} is not a file of repo/")
    sizes = [
        len(p.read_text(errors="replace").splitlines()) for p in repo.rglob("*") if p.suffix in (".py", ".js", ".ts")
    ]
    if len(sizes) < 2:
        problems.append("repo/ needs at least 2 source files")
    if sizes and (max(sizes) > 600):
        problems.append(f"a file has {max(sizes)} lines (max 600)")
    if target and (repo / target).is_file():
        lines = len((repo / target).read_text(errors="replace").splitlines())
        if not 50 <= lines <= 600:
            problems.append(f"target {target} has {lines} lines (50 to 600)")
    if task.get("kind") == "ask":
        answer = (
            (task_dir / "solution" / "answer.md").read_text() if (task_dir / "solution" / "answer.md").is_file() else ""
        )
        if not judge(task, repo, answer).passed:
            problems.append(f"solution/answer.md does not pass the ask rule: {judge(task, repo, answer).detail}")
        if judge(task, repo, "I do not know.").passed:
            problems.append("an empty answer passes the ask rule")
        return problems
    if not (task_dir / "hidden").is_dir():
        return [*problems, "no hidden/"]
    before = judge(task, repo)
    if before.passed:
        problems.append("repo/ as given already passes the judge")
    with tempfile.TemporaryDirectory() as tmp:
        solved = Path(tmp) / "repo"
        shutil.copytree(repo, solved)
        shutil.copytree(task_dir / "solution", solved, dirs_exist_ok=True)
        after = judge(task, solved)
        if not after.passed:
            problems.append(f"repo/ + solution/ fails the judge:\n{after.detail[-800:]}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("glob", nargs="?", default="*/*")
    args = parser.parse_args()
    dirs = task_dirs(args.glob)
    bad = 0
    for task_dir in dirs:
        problems = check(task_dir)
        status = "ok" if not problems else "FAIL"
        print(f"{status:4} {task_dir.relative_to(TASKS)}")
        for problem in problems:
            print("     " + problem.replace("\n", "\n     "))
        bad += bool(problems)
    counts = Counter(d.parent.name for d in dirs)
    print(f"\n{len(dirs)} tasks, {bad} with problems; by category: {dict(sorted(counts.items()))}")
    if args.glob == "*/*":
        for category, want in CATEGORIES.items():
            if counts.get(category, 0) != want:
                print(f"  {category}: {counts.get(category, 0)} of {want}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
