"""`python -m bench run|report`: the editor-task benchmark.

    python -m bench run --agent smallcode --model embedded:qwen2.5-coder-1.5b --tasks '*/*' --out bench/out/sc.jsonl
    python -m bench run --agent aider --model http://127.0.0.1:8080/v1 --tasks 'fix-diagnostic/*' --out ...
    python -m bench report bench/out/*.jsonl

A run is resumable: results are appended one JSON line per task, and tasks
already in the output file are skipped. Each task runs on a fresh copy of its
repository with a hard time limit, then is judged in another clean copy.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
NO_MODEL_URL = "http://127.0.0.1:9/v1"  # the discard port: connections are refused at once
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from agents import AGENTS, Endpoint  # noqa: E402
from judge import judge, load_task  # noqa: E402

TASKS = HERE / "tasks"
RESULTS = HERE / "RESULTS.md"
BEGIN = "<!-- tasks-benchmark:begin -->"
END = "<!-- tasks-benchmark:end -->"


def task_dirs(pattern: str) -> list[Path]:
    """Task directories matching a glob, or several globs joined by commas (`ask/ask-001,js/*`)."""
    found = {p for one in pattern.split(",") if one.strip() for p in TASKS.glob(one.strip())}
    return sorted(p for p in found if (p / "task.toml").is_file())


def round_robin(dirs: list[Path]) -> list[Path]:
    """Categories interleaved in proportion to their size, so a run stopped early is a stratified sample."""
    by_category: dict[str, list[Path]] = {}
    for d in dirs:
        by_category.setdefault(d.parent.name, []).append(d)
    # Task i of a category with n tasks sits at (i + 0.5) / n of the way through the run.
    keyed = [
        ((i + 0.5) / len(items), category, d) for category, items in by_category.items() for i, d in enumerate(items)
    ]
    return [d for _, _, d in sorted(keyed)]


def current_commit() -> str:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "smallcode_ls", "bench/agents.py"],
            cwd=HERE.parent,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        return out + ("-dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def resolve_model(spec: str) -> tuple[Endpoint, object | None]:
    """`embedded:NAME` starts (or joins) the embedded server; `none` is an endpoint where nothing
    listens, to measure what an agent does without a model; anything else is an OpenAI-compatible URL."""
    if spec == "none":
        return Endpoint(NO_MODEL_URL, "none"), None
    if spec.startswith("embedded"):
        from smallcode_ls.model import embedded

        name = embedded.parse_embedded(spec) or embedded.DEFAULT_MODEL
        handle = embedded.ensure_server(name, n_ctx=8192, keep_alive=30)
        gguf = str(embedded.model_path(name))
        return Endpoint(handle.base_url, handle.model, handle.n_ctx, gguf), handle
    import httpx

    from smallcode_ls.model.endpoints import normalize_url

    url = normalize_url(spec)
    models = httpx.get(url + "/models", timeout=10).json()["data"]
    return Endpoint(url, models[0]["id"]), None


def cmd_run(args: argparse.Namespace) -> int:
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    done = set()
    if out.exists():
        for line in out.read_text().splitlines():
            if line.strip():
                row = json.loads(line)
                done.add((row["task"], row["agent"], row["model"]))
    tasks = task_dirs(args.tasks)
    if not tasks:
        print(f"no task matches {args.tasks!r} under {TASKS}", file=sys.stderr)
        return 2
    if args.order == "round-robin":
        tasks = round_robin(tasks)
    agents = [name.strip() for name in args.agent.split(",") if name.strip()]
    unknown = [name for name in agents if name not in AGENTS]
    if unknown or not agents:
        print(f"unknown agent {unknown or args.agent!r}; choose from {', '.join(sorted(AGENTS))}", file=sys.stderr)
        return 2
    commit = current_commit()
    endpoint, handle = resolve_model(args.model)
    # Agents take turns on each task, so a busy hour on a shared machine
    # slows all of them alike instead of whichever ran then.
    pending = [(task_dir, name) for task_dir in tasks for name in agents]
    try:
        for number, (task_dir, name) in enumerate(pending, 1):
            task = load_task(task_dir)
            key = (task["id"], name, args.model)
            if key in done:
                continue
            agent = AGENTS[name]
            with tempfile.TemporaryDirectory(prefix="smallcode-task-") as tmp:
                work = Path(tmp) / "repo"
                shutil.copytree(task_dir / "repo", work)
                started = time.monotonic()
                try:
                    run = agent(task, work, endpoint, args.time_limit)
                except Exception as exc:  # an agent crash is a failed task, recorded
                    from agents import Run

                    run = Run(error=f"agent crashed: {exc!r}")
                wall = time.monotonic() - started
                verdict = judge(task, work, run.answer)
                keep_traces(work, task["id"], name, args.model, run.log)
            row = {
                "task": task["id"],
                "category": task["category"],
                "kind": task["kind"],
                "cross_file": bool(task.get("cross_file")),
                "agent": name,
                "model": args.model,
                "passed": verdict.passed,
                "rounds": run.rounds,
                "decompositions": run.decompositions,
                "escalations": run.escalations,
                "tokens_in": run.tokens_in,
                "tokens_out": run.tokens_out,
                "seconds": round(wall, 2),
                "error": run.error[-500:],
                "judge": verdict.detail[-500:],
                "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "machine": f"{platform.machine()}, {os.cpu_count()} cores",
                "commit": commit,
            }
            with out.open("a") as fh:
                fh.write(json.dumps(row) + "\n")
            mark = "PASS" if verdict.passed else "fail"
            print(f"[{number}/{len(pending)}] {mark} {task['id']} {name} {wall:.0f}s", flush=True)
    finally:
        if handle is not None:
            from smallcode_ls.model import embedded

            embedded.release(handle)  # type: ignore[arg-type]
    return 0


def keep_traces(work: Path, task_id: str, agent: str, model: str, log: list[str] | None = None) -> None:
    """What the agent did, kept under bench/out/traces (not committed) for reading a failure
    afterwards: smallcode's own traces (what it looked at, each round's errors), and a peer's
    transcript (each try's output, its tail), as `TASK-AGENT.jsonl` and `TASK-AGENT.txt`."""
    target = HERE / "out" / "traces" / re.sub(r"[^\w.-]+", "_", model)
    traces = sorted((work / ".smallcode" / "traces").glob("*.jsonl"))
    if traces:
        target.mkdir(parents=True, exist_ok=True)
        with (target / f"{task_id}-{agent}.jsonl").open("w", encoding="utf-8") as fh:
            for trace in traces:
                fh.write(trace.read_text(encoding="utf-8"))
    if log:
        target.mkdir(parents=True, exist_ok=True)
        tries = [f"--- try {number} ---\n{text}" for number, text in enumerate(log, 1)]
        (target / f"{task_id}-{agent}.txt").write_text("\n\n".join(tries) + "\n", encoding="utf-8")


def summarize(rows: list[dict]) -> dict[tuple[str, str], dict[str, dict[str, float]]]:
    """(agent, model) -> category -> pass %, solved, total, median seconds and tokens per solved task."""
    table: dict[tuple[str, str], dict[str, dict[str, float]]] = {}
    groups: dict[tuple[str, str, str], list[dict]] = {}
    for row in rows:
        for category in (row["category"], "all"):
            groups.setdefault((row["agent"], row["model"], category), []).append(row)
    for (agent, model, category), items in groups.items():
        solved = [r for r in items if r["passed"]]
        table.setdefault((agent, model), {})[category] = {
            "total": len(items),
            "solved": len(solved),
            "pass_pct": round(100 * len(solved) / len(items), 1),
            "median_seconds": round(statistics.median(r["seconds"] for r in solved), 1) if solved else float("nan"),
            "median_tokens": statistics.median(r["tokens_in"] + r["tokens_out"] for r in solved)
            if solved
            else float("nan"),
            "harness_only": sum(1 for r in solved if r["tokens_in"] + r["tokens_out"] == 0),
        }
    return table


def paired(rows: list[dict]) -> tuple[list[dict], int]:
    """Only the tasks every agent ran with a model, so pass rates compare like with like.

    Returns the kept rows and how many were left out. A later row for the same
    (task, agent, model) replaces an earlier one."""
    latest = {(row["task"], row["agent"], row["model"]): row for row in latest_rows(rows)}
    agents: dict[str, set[str]] = {}
    tasks: dict[tuple[str, str], set[str]] = {}
    for task, agent, model in latest:
        agents.setdefault(model, set()).add(agent)
        tasks.setdefault((model, agent), set()).add(task)
    common = {model: set.intersection(*(tasks[(model, a)] for a in names)) for model, names in agents.items()}
    kept = [row for (task, _agent, model), row in latest.items() if task in common[model]]
    return kept, len(rows) - len(kept)


def comparisons(table: dict[tuple[str, str], dict[str, dict[str, float]]]) -> list[str]:
    """The issue's targets, per model: smallcode against the naive loop (ratio) and Aider (points, seconds)."""
    lines = []
    for model in sorted({m for _, m in table}):
        ours = table.get(("smallcode", model), {}).get("all")
        if not ours:
            continue
        parts = []
        naive_row = table.get(("naive", model), {}).get("all")
        if naive_row:
            if naive_row["solved"]:
                ratio = ours["pass_pct"] / naive_row["pass_pct"]
                parts.append(f"{ratio:.1f}x the naive loop's pass rate (target >= 2x)")
            else:
                parts.append(f"{ours['pass_pct']:.0f}% against the naive loop's 0% (target >= 2x)")
        aider_row = table.get(("aider", model), {}).get("all")
        if aider_row:
            parts.append(f"{ours['pass_pct'] - aider_row['pass_pct']:+.0f} points against Aider (target >= +15)")
            theirs = f"Aider's {aider_row['median_seconds']} s" if aider_row["solved"] else "none solved by Aider"
            parts.append(f"median {ours['median_seconds']} s per solved task, {theirs}")
        if ours["solved"]:
            parts.append(f"{int(ours['harness_only'])} of its {int(ours['solved'])} solved with no model tokens")
        if parts:
            lines.append(f"- {model}, {int(ours['total'])} tasks: smallcode " + "; ".join(parts) + ".")
    return lines


def latest_rows(rows: list[dict]) -> list[dict]:
    """One row per (task, agent, model): a rerun replaces the earlier row."""
    latest: dict[tuple[str, str, str], dict] = {}
    for row in rows:
        latest[(row["task"], row["agent"], row["model"])] = row
    return list(latest.values())


def table_lines(table: dict[tuple[str, str], dict[str, dict[str, float]]], categories: list[str]) -> list[str]:
    """A markdown table: agent and model by category, pass % with solved/total, medians per solved task."""
    lines = [
        "| agent | model | " + " | ".join(categories) + " | median s / solved | median tokens / solved |",
        "|---|---|" + "---|" * len(categories) + "---|---|",
    ]
    for (agent, model), cats in sorted(table.items()):
        cells = []
        for category in categories:
            c = cats.get(category)
            cells.append(f"{c['pass_pct']:.0f}% ({int(c['solved'])}/{int(c['total'])})" if c else "")
        every = cats["all"]
        lines.append(
            f"| {agent} | {model} | "
            + " | ".join(cells)
            + f" | {_number(every['median_seconds'])} | {_number(every['median_tokens'])} |"
        )
    return lines


def cmd_report(args: argparse.Namespace) -> int:
    rows = []
    for name in args.results:
        rows += [json.loads(line) for line in Path(name).read_text().splitlines() if line.strip()]
    if not rows:
        print("no results", file=sys.stderr)
        return 2
    everything = latest_rows(rows)
    rows, left_out = paired(rows)
    table = summarize(rows)
    categories = [*sorted({r["category"] for r in everything}), "all"]
    lines = [BEGIN, "", "Same tasks for every agent of a model:", "", *table_lines(table, categories)]
    dates = sorted({r["date"][:10] for r in rows})
    commits = sorted({r.get("commit", "unrecorded") for r in rows})
    lines += ["", *comparisons(table)]
    lines += [
        "",
        f"Runs dated {', '.join(dates)} at commit {', '.join(commits)}; {rows[0]['machine']}. "
        f"Only tasks that every agent ran with a model are counted ({left_out} rows left out).",
    ]
    if len(everything) > len(rows):
        # An agent that ran more tasks than its peers (a full run against a sampled peer) is shown
        # whole here; its pass rate is not comparable with the peers' in this table.
        lines += [
            "",
            "Every task each agent ran (not the same tasks across agents, so compare within a row):",
            "",
            *table_lines(summarize(everything), categories),
            "",
            f"Commits: {', '.join(sorted({r.get('commit', 'unrecorded') for r in everything}))}.",
        ]
    lines += ["", END]
    section = "\n".join(lines)
    if args.print_only:
        print(section)
        return 0
    text = RESULTS.read_text()
    if BEGIN in text and END in text:
        text = text[: text.index(BEGIN)] + section + text[text.index(END) + len(END) :]
    else:
        text = text.rstrip("\n") + "\n\n## Editor tasks: smallcode, naive loop, Aider\n\n" + section + "\n"
    RESULTS.write_text(text)
    print(section)
    if args.chart:
        _chart(table, [c for c in categories if any(c in cats for cats in table.values())], Path(args.chart))
    return 0


def _number(value: float) -> str:
    return "-" if value != value else f"{value:g}"  # NaN: nothing solved


def _chart(table: dict, categories: list[str], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(10, 4))
    keys = sorted(table)
    width = 0.8 / max(1, len(keys))
    for i, key in enumerate(keys):
        values = [table[key].get(c, {}).get("pass_pct", 0) for c in categories]
        ax.bar([x + i * width for x in range(len(categories))], values, width, label=f"{key[0]} ({key[1]})")
    ax.set_xticks([x + width * (len(keys) - 1) / 2 for x in range(len(categories))], categories)
    ax.set_ylabel("tasks solved, %")
    ax.set_ylim(0, 100)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=120)


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run")
    run.add_argument(
        "--agent", required=True, help="one of " + ", ".join(sorted(AGENTS)) + ", or several joined by commas"
    )
    run.add_argument(
        "--order", choices=["name", "round-robin"], default="name", help="round-robin: one task per category in turn"
    )
    run.add_argument(
        "--model", required=True, help="embedded:NAME, an OpenAI-compatible URL, or none (no model: the harness alone)"
    )
    run.add_argument(
        "--tasks", default="*/*", help="glob under bench/tasks, e.g. 'fix-diagnostic/*', or several joined by commas"
    )
    run.add_argument("--out", required=True)
    run.add_argument("--time-limit", type=float, default=600.0, help="seconds per task")
    run.set_defaults(func=cmd_run)
    report = sub.add_parser("report")
    report.add_argument("results", nargs="+")
    report.add_argument("--chart", default=str(HERE / "results.png"))
    report.add_argument(
        "--print-only", action="store_true", help="print the tables; leave RESULTS.md and the chart as they are"
    )
    report.set_defaults(func=cmd_report)
    args = parser.parse_args()
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
