"""`smallcode`: the engine without an editor, for scripts, benchmarks and checks.

Thin on purpose: parse arguments, load settings, call the graph, print.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

from . import __version__, cli_model
from .graph import CodeGraph, IndexOptions, IndexStats, index_workspace, relevant
from .graph.model import CallSite, Symbol


class CliError(Exception):
    """A problem the user can fix; printed without a traceback, exit status 2."""


def _has_workspace_config(root: Path) -> bool:
    if (root / ".smallcode.toml").exists():
        return True
    try:
        return "[tool.smallcode" in (root / "pyproject.toml").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def _load_options(root: Path, args: argparse.Namespace) -> IndexOptions:
    options = IndexOptions()
    if _has_workspace_config(root):
        # The settings model (pydantic) is only loaded when there is something to validate.
        from .config import ConfigError, build_settings, read_workspace_config

        try:
            table, source = read_workspace_config(root)
            settings = build_settings([(source or "defaults", table)])
        except ConfigError as exc:
            raise CliError(str(exc)) from exc
        options = IndexOptions.from_settings(settings.index)
    if getattr(args, "no_cache", False):
        options.cache = False
    if getattr(args, "cache_dir", None):
        options.cache_dir = args.cache_dir
    for pattern in getattr(args, "exclude", None) or []:
        options.exclude.append(pattern)
    return options


class _Progress:
    """A one-line progress bar on stderr, only when a person is watching."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty()
        self.last = 0.0

    def __call__(self, done: int, total: int, message: str) -> None:
        now = time.monotonic()
        if not self.enabled or (now - self.last < 0.1 and done < total):
            return
        self.last = now
        width = 30
        filled = int(width * done / total) if total else width
        bar = "#" * filled + "-" * (width - filled)
        sys.stderr.write(f"\rindexing [{bar}] {done}/{total} {message[:30]:<30}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()


def _peak_rss_mb(who: int) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def _build(args: argparse.Namespace) -> tuple[CodeGraph, IndexStats]:
    root = Path(args.path).resolve()
    if not root.is_dir():
        raise CliError(f"not a directory: {root}")
    options = _load_options(root, args)
    graph = CodeGraph([str(root)])
    stats = index_workspace(graph, options, progress=_Progress(not getattr(args, "json", False)))
    return graph, stats


def cmd_index(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    graph, stats = _build(args)
    seconds = time.perf_counter() - started
    counts = graph.stats()
    result: dict[str, Any] = {
        "root": str(Path(args.path).resolve()),
        "files": counts["files"],
        "symbols": counts["symbols"],
        "edges": counts["edges"],
        "lines": counts["lines"],
        "seconds": round(seconds, 3),
        "ready_seconds": round(stats.ready_seconds, 3),
        "lines_per_second": round(counts["lines"] / seconds) if seconds else None,
        "parsed": stats.parsed,
        "from_cache": stats.from_cache,
        "skipped": stats.skipped,
        "peak_rss_mb": _peak_rss_mb(resource.RUSAGE_SELF),
        "workers": stats.workers,
        "workers_peak_rss_mb": stats.workers_peak_rss_mb,
    }
    if args.json:
        print(json.dumps(result))
    else:
        skipped = ", ".join(f"{n} {why}" for why, n in sorted(stats.skipped.items())) or "none"
        print(
            f"{result['files']} files, {result['lines']} lines, {result['symbols']} symbols, "
            f"{result['edges']} edges in {result['seconds']} s "
            f"({result['parsed']} parsed, {result['from_cache']} from cache; skipped: {skipped}); "
            f"peak RSS {result['peak_rss_mb']} MB"
        )
    return 0


def _symbol_json(root: str, sym: Symbol) -> dict[str, Any]:
    return {
        "id": sym.id,
        "name": sym.name,
        "qualname": sym.qualname,
        "kind": sym.kind,
        "path": os.path.relpath(sym.path, root),
        "line": sym.start[0] + 1,
        "end_line": sym.end[0] + 1,
        "signature": sym.signature,
        "doc": sym.doc,
    }


def _site_json(root: str, site: CallSite) -> dict[str, Any]:
    return {
        "symbol": site.symbol.qualname if site.symbol else None,
        "path": os.path.relpath(site.path, root),
        "line": site.symbol.start[0] + 1 if site.symbol else None,
        "call_path": os.path.relpath(site.call_path or site.path, root),
        "call_lines": sorted({start[0] + 1 for start, _ in site.ranges}),
        "weight": round(site.weight, 3),
        "resolved": site.resolved,
    }


def cmd_graph(args: argparse.Namespace) -> int:
    graph, _ = _build(args)
    root = str(Path(args.path).resolve())
    found = graph.find(args.name)
    if not found:
        raise CliError(f"no symbol named {args.name!r} in {root}")
    results = []
    for sym in found:
        results.append(
            {
                **_symbol_json(root, sym),
                "callers": [_site_json(root, s) for s in sorted(graph.callers(sym.id), key=_site_key)],
                "callees": [_site_json(root, s) for s in sorted(graph.callees(sym.id), key=_site_key)],
            }
        )
    if args.json:
        print(json.dumps(results))
        return 0
    for item in results:
        print(f"{item['kind']} {item['qualname']}  {item['path']}:{item['line']}-{item['end_line']}")
        print(f"    {item['signature']}")
        if item["doc"]:
            print(f"    {item['doc'].splitlines()[0]}")
        for title in ("callers", "callees"):
            print(f"  {title}:" + ("" if item[title] else " none"))
            for site in item[title]:
                defined = f"{site['path']}:{site['line']}" if site["line"] else site["path"]
                calls = ",".join(map(str, site["call_lines"]))
                approx = "" if site["resolved"] else f"  (candidate by name, weight {site['weight']})"
                print(f"    {site['symbol'] or '<module>'}  {defined}  called at {site['call_path']}:{calls}{approx}")
    return 0


def _site_key(site: CallSite) -> tuple:
    return (site.path, site.ranges[0][0] if site.ranges else (0, 0))


def cmd_context(args: argparse.Namespace) -> int:
    graph, _ = _build(args)
    seeds: list[str] | str = args.symbol if args.symbol else args.question
    if not seeds:
        raise CliError("give a question or at least one --symbol")
    ctx = relevant(graph, seeds, args.budget)
    if args.json:
        print(
            json.dumps(
                {
                    "tokens": ctx.tokens,
                    "units": [
                        {"id": u.symbol.id, "form": u.form, "tokens": u.tokens, "score": round(u.score, 5)}
                        for u in ctx.units
                    ],
                    "dropped": len(ctx.dropped),
                    "text": ctx.text,
                }
            )
        )
    else:
        print(ctx.text)
        print(f"\n# {ctx.tokens} tokens (estimated), {len(ctx.units)} units, {len(ctx.dropped)} dropped")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="smallcode", description=__doc__)
    parser.add_argument("--version", action="version", version=f"smallcode {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--path", default=".", help="workspace root (default: current directory)")
        p.add_argument("--json", action="store_true", help="print one JSON object")
        p.add_argument("--no-cache", action="store_true", help="ignore and do not write the index cache")
        p.add_argument("--cache-dir", help="index cache directory (default: the user cache dir)")
        p.add_argument("--exclude", action="append", help="extra gitignore-style pattern to skip (repeatable)")

    p_index = sub.add_parser("index", help="index a workspace and print its size and speed")
    p_index.add_argument("path_arg", nargs="?", metavar="PATH", help="workspace root")
    common(p_index)
    p_index.set_defaults(func=cmd_index)

    p_graph = sub.add_parser("graph", help="a symbol's definition, callers and callees")
    p_graph.add_argument("name", help="name, qualified name (Class.method) or module-qualified name")
    common(p_graph)
    p_graph.set_defaults(func=cmd_graph)

    p_ctx = sub.add_parser("context", help="the code the graph would give a model, within a token budget")
    p_ctx.add_argument("question", nargs="?", default="", help="a question naming the code of interest")
    p_ctx.add_argument("--symbol", action="append", help="seed symbol (repeatable)")
    p_ctx.add_argument("--budget", type=int, default=2000, help="token budget (default 2000)")
    common(p_ctx)
    p_ctx.set_defaults(func=cmd_context)

    p_models = sub.add_parser("models", help="each configured endpoint: reachable or not, its models and context")
    p_models.add_argument("--path", default=".", help="workspace root (default: current directory)")
    p_models.add_argument("--json", action="store_true", help="print one JSON list")
    cli_model.add_model_options(p_models)
    p_models.set_defaults(func=cli_model.cmd_models)

    p_chat = sub.add_parser("chat", help="a one-off streamed answer, to check a model setup")
    p_chat.add_argument("prompt")
    p_chat.add_argument("--path", default=".", help="workspace root (default: current directory)")
    p_chat.add_argument("--json", action="store_true", help="print one JSON object instead of streaming")
    cli_model.add_model_options(p_chat)
    p_chat.set_defaults(func=cli_model.cmd_chat)

    from .cli_agent import add_agent_commands

    add_agent_commands(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if getattr(args, "path_arg", None):
        args.path = args.path_arg
    try:
        return int(args.func(args))
    except (CliError, cli_model.ModelCliError) as exc:
        print(f"smallcode: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def run() -> None:
    """Console-script entry: exit without tearing down a large graph object by object."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        code = 0  # the reader (`| head`) has seen enough
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
