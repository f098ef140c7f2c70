"""Time universal-ctags on a corpus: the speed limit for our indexer.

Why: ctags is a hand-written C tokenizer with no syntax tree, so no
tree-sitter indexer (ours or Aider's) should beat it. Reporting it beside our
numbers shows how close to that floor we are.

Run with any Python 3.11+ (it needs only the standard library and a
Universal Ctags binary on PATH, see bench/setup_peers.sh)::

    python bench/peers/ctags_run.py CORPUS_DIR --exclude site-packages --json

It prints one JSON object: {"tool": "universal-ctags", "version", "files",
"lines", "tags", "seconds", "lines_per_s", "peak_rss_mb"}.

From other bench code, prefer ``run_subprocess(corpus)``: it runs this file in
a fresh interpreter, so RUSAGE_CHILDREN sees only the one ctags child.
``measure(corpus)`` does the same work in-process.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

TOOL = "universal-ctags"
DEFAULT_EXCLUDES: tuple[str, ...] = ("site-packages",)


def iter_py_files(corpus: Path, exclude: Sequence[str]) -> Iterator[Path]:
    """Yield .py files under corpus, skipping any directory named in exclude.

    Duplicated in aider_tags.py on purpose: that script runs in Aider's venv
    and must not import anything from ours.
    """
    skip = set(exclude)
    for root, dirs, files in os.walk(corpus):
        # Prune in place so os.walk never descends into excluded trees,
        # matching ctags' --exclude, which also matches directory basenames.
        dirs[:] = sorted(d for d in dirs if d not in skip)
        for name in sorted(files):
            if name.endswith(".py"):
                yield Path(root, name)


def count_lines(data: bytes) -> int:
    """Count lines the way editors do: a last line without newline still counts."""
    if not data:
        return 0
    return data.count(b"\n") + (0 if data.endswith(b"\n") else 1)


def corpus_stats(corpus: Path, exclude: Sequence[str]) -> tuple[int, int]:
    """Return (files, lines); reading every file also warms the page cache,
    so each peer is timed on a warm cache rather than whoever runs first
    paying for the disk."""
    files = lines = 0
    for path in iter_py_files(corpus, exclude):
        files += 1
        lines += count_lines(path.read_bytes())
    return files, lines


def ctags_binary() -> str:
    path = shutil.which("ctags")
    if path is None:
        raise RuntimeError("ctags not found; run bench/setup_peers.sh")
    return path


def ctags_version(binary: str) -> str:
    out = subprocess.run([binary, "--version"], capture_output=True, text=True, check=True).stdout
    first = out.splitlines()[0] if out else ""
    # Exuberant Ctags accepts most of the same flags but indexes differently;
    # refuse it rather than publish a number for the wrong tool.
    if "Universal Ctags" not in first:
        raise RuntimeError(f"not Universal Ctags: {first!r}")
    return first.split(",")[0]


def ctags_argv(binary: str, corpus: Path, tag_file: Path, exclude: Sequence[str]) -> list[str]:
    return [
        binary,
        "-R",
        "-f",
        str(tag_file),
        "--languages=Python",
        # Default Python map also claims .pyx/.pxd/.pxi/.scons/.wsgi; limit it
        # to .py so ctags sees exactly the files the other peers see.
        "--langmap=Python:.py",
        *(f"--exclude={name}" for name in exclude),
        str(corpus),
    ]


def count_tags(tag_file: Path) -> int:
    """Count tag lines, skipping the '!_TAG_' pseudo-tags header."""
    with tag_file.open("rb") as fh:
        return sum(1 for line in fh if not line.startswith(b"!_"))


def measure(corpus: Path, exclude: Sequence[str] = DEFAULT_EXCLUDES) -> dict[str, Any]:
    corpus = corpus.resolve()
    binary = ctags_binary()
    version = ctags_version(binary)
    files, lines = corpus_stats(corpus, exclude)
    with tempfile.TemporaryDirectory(prefix="ctags-bench-") as tmp:
        tag_file = Path(tmp, "tags")
        argv = ctags_argv(binary, corpus, tag_file, exclude)
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
        seconds = time.perf_counter() - start
        tags = count_tags(tag_file)
    # ru_maxrss is KiB on Linux; it is the max over all waited-for children,
    # which is the one ctags run when called through run_subprocess/main.
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {
        "tool": TOOL,
        "version": version,
        "files": files,
        "lines": lines,
        "tags": tags,
        "seconds": round(seconds, 4),
        "lines_per_s": round(lines / seconds) if seconds > 0 else None,
        "peak_rss_mb": round(peak_kib / 1024, 1),
    }


def run_subprocess(
    corpus: Path,
    exclude: Sequence[str] = DEFAULT_EXCLUDES,
    python: str = sys.executable,
    timeout: float = 600.0,
) -> dict[str, Any]:
    """Run this file in a fresh interpreter and return its JSON result."""
    argv = [python, str(Path(__file__).resolve()), str(corpus), "--json"]
    for name in exclude:
        argv += ["--exclude", name]
    out = subprocess.run(argv, capture_output=True, text=True, check=True, timeout=timeout)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument(
        "--exclude",
        action="append",
        default=None,
        help="directory basename to skip (repeatable; default: site-packages)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    exclude = tuple(args.exclude) if args.exclude else DEFAULT_EXCLUDES
    result = measure(args.corpus, exclude)
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:12} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
