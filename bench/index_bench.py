"""Index benchmark on a corpus nobody here wrote: the running interpreter's stdlib.

Measures, in one run and on one machine:
  - cold index (no cache), end to end through the `smallcode index` CLI;
  - warm start (cache present, nothing changed);
  - incremental update latency for single-character edits in the middle of a
    ~3k-line file, through the same Documents/CodeGraph path the server uses;
  - peak RSS;
and times the peers on the same corpus in the same run: Aider's repo-map tag
extraction (in its own venv, see setup_peers.sh) and universal-ctags.

    python bench/index_bench.py [--runs 3] [--edits 300] [--out bench/out/index.json]

Prints a Markdown table with medians and ratios; RESULTS.md quotes it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import keyword
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE / "peers"))

import aider_tags  # noqa: E402
import ctags_run  # noqa: E402

STDLIB = Path(sysconfig.get_paths()["stdlib"])
EXCLUDE = "site-packages/"
EDIT_FILE = "tarfile.py"  # 2.9k lines in CPython 3.11


def smallcode_index(cache_dir: Path, no_cache: bool) -> dict[str, Any]:
    argv = [sys.executable, "-m", "smallcode_ls.cli", "index", str(STDLIB), "--json", "--exclude", EXCLUDE]
    argv += ["--no-cache"] if no_cache else ["--cache-dir", str(cache_dir)]
    started = time.perf_counter()
    out = subprocess.run(argv, capture_output=True, text=True, check=True, timeout=900)
    wall = time.perf_counter() - started
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    result["wall_seconds"] = round(wall, 3)
    return result


def incremental(cache_dir: Path, edits: int, seed: int = 7) -> dict[str, Any]:
    """Edit a copy of a 3k-line stdlib file inside the full stdlib graph."""
    from smallcode_ls.graph import CodeGraph, Documents, IndexOptions, TextChange, index_workspace

    options = IndexOptions(exclude=[EXCLUDE], cache_dir=str(cache_dir))
    graph = CodeGraph([str(STDLIB)])
    index_workspace(graph, options)
    graph.prepare_for_edits()  # as the server does once the index is ready
    path = str(STDLIB / EDIT_FILE)
    text = Path(path).read_text(encoding="utf-8")
    docs = Documents(graph, options)
    docs.open(path, text, 0)
    lines = text.split("\n")
    middle = range(len(lines) // 3, 2 * len(lines) // 3)
    rnd = random.Random(seed)
    results: dict[str, list[float]] = {"typing": [], "anywhere": []}
    version = 0
    for mode in results:
        for _ in range(edits):
            while True:
                line = rnd.choice(middle)
                current = lines[line]
                if mode == "typing":
                    # Extending an identifier, as when typing a name.
                    cols = [m.end() for m in re.finditer(r"[A-Za-z_]\w*", current) if not keyword.iskeyword(m.group())]
                else:
                    cols = list(range(len(current) + 1))
                if cols:
                    break
            col = rnd.choice(cols)
            char = rnd.choice("etaoinsrx_")
            for change in (
                TextChange((line, col), (line, col), char),
                TextChange((line, col), (line, col + 1), ""),  # and take it back
            ):
                version += 1
                started = time.perf_counter()
                docs.change(path, version, [change])
                results[mode].append((time.perf_counter() - started) * 1000)
    if docs.text(path) != text:
        raise RuntimeError("edits did not restore the file")
    out: dict[str, Any] = {"file": EDIT_FILE, "file_lines": len(lines), "edits_per_mode": 2 * edits}
    for mode, times in results.items():
        times.sort()
        out[mode] = {
            "p50_ms": round(times[len(times) // 2], 3),
            "p95_ms": round(times[int(len(times) * 0.95)], 3),
            "max_ms": round(times[-1], 3),
        }
    return out


def median_of(runs: list[dict[str, Any]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--edits", type=int, default=300, help="edit pairs per mode")
    parser.add_argument("--out", type=Path, default=HERE / "out" / "index.json")
    parser.add_argument("--skip-aider", action="store_true")
    args = parser.parse_args()

    cache_root = Path(tempfile.mkdtemp(prefix="smallcode-bench-"))
    rows: dict[str, list[dict[str, Any]]] = {"cold": [], "warm": [], "ctags": [], "aider": []}
    try:
        for run in range(args.runs):
            cache = cache_root / f"run{run}"
            # Interleave tools so machine noise spreads over all of them.
            rows["cold"].append(smallcode_index(cache, no_cache=False))
            rows["warm"].append(smallcode_index(cache, no_cache=False))
            rows["ctags"].append(ctags_run.run_subprocess(STDLIB, ("site-packages",)))
            aider_python = HERE / ".venv-aider" / "bin" / "python"
            if not args.skip_aider and aider_python.exists():
                rows["aider"].append(aider_tags.run_subprocess(STDLIB, ("site-packages",), python=str(aider_python)))
            print(f"run {run + 1}/{args.runs} done", file=sys.stderr, flush=True)
        inc = incremental(cache_root / "run0", args.edits)
    finally:
        shutil.rmtree(cache_root, ignore_errors=True)

    for cold in rows["cold"]:
        if cold["from_cache"]:
            raise RuntimeError("cold run used a cache")
    lines = rows["cold"][0]["lines"]
    cold_s = median_of(rows["cold"], "wall_seconds")
    warm_s = median_of(rows["warm"], "wall_seconds")
    ctags_s = median_of(rows["ctags"], "seconds")
    aider_s = median_of(rows["aider"], "seconds") if rows["aider"] else None
    summary = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
        "python": platform.python_version(),
        "commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=REPO
        ).stdout.strip(),
        "corpus": {"path": str(STDLIB), "files": rows["cold"][0]["files"], "lines": lines},
        "cold_seconds_median": cold_s,
        "cold_ready_seconds_median": median_of(rows["cold"], "ready_seconds"),
        "cold_lines_per_second": round(lines / cold_s),
        "warm_seconds_median": warm_s,
        "peak_rss_mb": max(r["peak_rss_mb"] for r in rows["cold"] + rows["warm"]),
        "workers_peak_rss_mb": max(r["workers_peak_rss_mb"] for r in rows["cold"]),
        "ctags_seconds_median": ctags_s,
        "aider_seconds_median": aider_s,
        "cold_vs_ctags": round(cold_s / ctags_s, 2),
        "cold_vs_aider": round(cold_s / aider_s, 3) if aider_s else None,
        "incremental": inc,
        "runs": rows,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(summary, indent=2))
    print(render(summary))
    return 0


def render(s: dict[str, Any]) -> str:
    inc = s["incremental"]
    aider = s["aider_seconds_median"]
    aider_rate = f"{round(s['corpus']['lines'] / aider):,}" if aider else "n/a"
    return "\n".join(
        [
            f"Corpus: {s['corpus']['path']} ({s['corpus']['files']} files, {s['corpus']['lines']:,} lines); "
            f"{s['machine']}; Python {s['python']}; commit {s['commit']}; {s['date']}",
            "",
            "| measure | smallcode | target | aider repo-map | universal-ctags |",
            "|---|---|---|---|---|",
            f"| cold index, s (median, whole process) | {s['cold_seconds_median']:.2f} | | "
            f"{f'{aider:.2f}' if aider else 'n/a'} | "
            f"{s['ctags_seconds_median']:.2f} |",
            f"| cold index, lines/s | {s['cold_lines_per_second']:,} | >= 100,000 | {aider_rate} | "
            f"{round(s['corpus']['lines'] / s['ctags_seconds_median']):,} |",
            f"| peer time / smallcode time | 1.00 | | {round(aider / s['cold_seconds_median'], 2) if aider else 'n/a'} "
            f"| {round(s['ctags_seconds_median'] / s['cold_seconds_median'], 3)} |",
            f"| cold index until the graph answers (before the cache write), s | "
            f"{s['cold_ready_seconds_median']:.2f} | | | |",
            f"| warm start, s (median, whole process) | {s['warm_seconds_median']:.2f} | <= 2 | | |",
            f"| incremental, typing in a name: p50 / p95 ms | {inc['typing']['p50_ms']} / "
            f"{inc['typing']['p95_ms']} | p95 <= 5 | | |",
            f"| incremental, any position: p50 / p95 ms | {inc['anywhere']['p50_ms']} / "
            f"{inc['anywhere']['p95_ms']} | | | |",
            f"| peak RSS, MB (main / each worker) | {s['peak_rss_mb']} / {s['workers_peak_rss_mb']} | <= 1,500 | | |",
        ]
    )


if __name__ == "__main__":
    raise SystemExit(main())
