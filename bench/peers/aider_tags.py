"""Time Aider's repo-map tag extraction on a corpus: our closest peer.

Why: Aider's repo map is the best-known tree-sitter code map for LLM agents.
Its per-file step, ``RepoMap.get_tags_raw(fname, rel_fname)``, reads the file
through Aider's ``InputOutput.read_text``, parses it with the grammar from
tree-sitter-language-pack, runs Aider's ``python-tags.scm`` query and yields
definition and reference tags. We call it directly, single process, as Aider
does, because ``get_tags`` would serve a warm run from Aider's diskcache and we
want to time real extraction.

Aider is never installed in our venv; bench/setup_peers.sh makes a separate
one. Run with that venv's interpreter::

    bench/.venv-aider/bin/python bench/peers/aider_tags.py CORPUS_DIR \\
        --exclude site-packages --json

It prints one JSON object: {"tool": "aider-repomap", "version", "files",
"lines", "tags", "seconds", "lines_per_s", "peak_rss_mb"} plus detail keys
(defs, refs, skipped_files, import_seconds, rss_before_mb, components).

From our venv, ``run_subprocess(corpus)`` runs this file under the Aider venv
and returns the parsed JSON; this module imports aider only inside
``measure`` so that importing it from our venv works.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

TOOL = "aider-repomap"
DEFAULT_EXCLUDES: tuple[str, ...] = ("site-packages",)
AIDER_PYTHON = Path(__file__).resolve().parent.parent / ".venv-aider" / "bin" / "python"
COMPONENTS = ("aider-chat", "grep-ast", "tree-sitter", "tree-sitter-language-pack")


def iter_py_files(corpus: Path, exclude: Sequence[str]) -> Iterator[Path]:
    """Yield .py files under corpus, skipping any directory named in exclude.

    Duplicated from ctags_run.py on purpose: this file runs in Aider's venv
    and must not import anything from ours.
    """
    skip = set(exclude)
    for root, dirs, files in os.walk(corpus):
        # Prune in place so excluded trees are never walked, like ctags --exclude.
        dirs[:] = sorted(d for d in dirs if d not in skip)
        for name in sorted(files):
            if name.endswith(".py"):
                yield Path(root, name)


def count_lines(data: bytes) -> int:
    """Count lines the way editors do: a last line without newline still counts."""
    if not data:
        return 0
    return data.count(b"\n") + (0 if data.endswith(b"\n") else 1)


def _rss_mb(who: int) -> float:
    # ru_maxrss is KiB on Linux.
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def _versions() -> dict[str, str]:
    found: dict[str, str] = {}
    for dist in COMPONENTS:
        try:
            found[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            found[dist] = "missing"
    return found


def measure(corpus: Path, exclude: Sequence[str] = DEFAULT_EXCLUDES) -> dict[str, Any]:
    corpus = corpus.resolve()
    files = sorted(iter_py_files(corpus, exclude))
    # Read everything once before timing: it counts lines and warms the page
    # cache, so Aider is timed on the same warm cache as the other peers.
    lines = 0
    skipped = 0
    for path in files:
        data = path.read_bytes()
        lines += count_lines(data)
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            # Aider reads with utf-8 by default and silently yields no tags
            # for these; count them so the tag total is not misread.
            skipped += 1

    # Aider's io and repomap write notices to stdout; keep stdout for our JSON.
    with contextlib.redirect_stdout(sys.stderr):
        t0 = time.perf_counter()
        # aider exists only in the Aider venv, never where we type-check.
        from aider import __version__ as aider_version  # type: ignore[import-not-found]
        from aider.io import InputOutput  # type: ignore[import-not-found]
        from aider.repomap import RepoMap  # type: ignore[import-not-found]

        import_seconds = time.perf_counter() - t0
        rss_before = _rss_mb(resource.RUSAGE_SELF)

        with tempfile.TemporaryDirectory(prefix="aider-bench-") as cache_root:
            # root only decides where RepoMap opens its diskcache; a throwaway
            # dir keeps it out of the corpus and out of our repo.
            io = InputOutput(pretty=False, yes=True, fancy_input=False)
            repo_map = RepoMap(root=cache_root, io=io, main_model=None)
            defs = refs = 0
            start = time.perf_counter()
            for path in files:
                fname = str(path)
                for tag in repo_map.get_tags_raw(fname, os.path.relpath(fname, corpus)):
                    if tag.kind == "def":
                        defs += 1
                    else:
                        refs += 1
            seconds = time.perf_counter() - start

    return {
        "tool": TOOL,
        "version": aider_version,
        "files": len(files),
        "lines": lines,
        "tags": defs + refs,
        "seconds": round(seconds, 4),
        "lines_per_s": round(lines / seconds) if seconds > 0 else None,
        "peak_rss_mb": _rss_mb(resource.RUSAGE_SELF),
        "defs": defs,
        "refs": refs,
        "skipped_files": skipped,
        "import_seconds": round(import_seconds, 3),
        "rss_before_mb": rss_before,
        "components": _versions(),
    }


def run_subprocess(
    corpus: Path,
    exclude: Sequence[str] = DEFAULT_EXCLUDES,
    python: Path | str = AIDER_PYTHON,
    timeout: float = 1800.0,
) -> dict[str, Any]:
    """Run this file under Aider's venv and return its JSON result."""
    if not Path(python).exists():
        raise FileNotFoundError(f"{python} missing; run bench/setup_peers.sh")
    argv = [str(python), str(Path(__file__).resolve()), str(corpus), "--json"]
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
            print(f"{key:14} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
