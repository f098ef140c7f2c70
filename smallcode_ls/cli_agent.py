"""`smallcode do | fix | implement | ask | make-tests-pass`: the agent without an editor.

Thin: parse arguments, build the graph and the engine, run one task, then
write the verified edit (unless --dry-run) and print the diff, or the answer.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import sys
from pathlib import Path
from typing import Any

from .agent.tasks import Outcome, Task
from .agent.verify import LinterMissing
from .cli_model import ModelCliError, _asyncio, add_model_options, load_settings
from .workspace import Workspace


def add_agent_commands(sub: Any) -> None:
    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--path", default=".", help="workspace root (default: current directory)")
        add_model_options(p)
        p.add_argument("--max-rounds", type=int, help="improvement rounds per unit (default 3)")
        p.add_argument("--test-cmd", help="also verify with this command, run in a sandbox copy")
        p.add_argument("--no-escalation", action="store_true", help="never use the escalation endpoint")
        p.add_argument("--dry-run", action="store_true", help="print the diff only, write nothing")
        p.add_argument(
            "--time-limit",
            type=float,
            metavar="SECONDS",
            help="stop after this long, write nothing, and report how far it got",
        )
        p.add_argument("--json", action="store_true", help="print one result object")

    p = sub.add_parser("do", help="apply an instruction to a file or symbol (and the symbol's callers)")
    p.add_argument("instruction")
    p.add_argument("--file", action="append", default=[], help="file in scope (repeatable)")
    p.add_argument("--symbol", help="the symbol to change")
    common(p)
    p.set_defaults(func=cmd_do)

    p = sub.add_parser("fix", help="fix the fatal errors of a file, or those at one line")
    p.add_argument("target", metavar="FILE[:LINE]")
    p.add_argument("--message", default="", help="the problem in words, when no linter reports it")
    common(p)
    p.set_defaults(func=cmd_fix)

    p = sub.add_parser("implement", help="fill in the stubs of a file, or one symbol")
    p.add_argument("target", metavar="FILE[:SYMBOL]")
    common(p)
    p.set_defaults(func=cmd_implement)

    p = sub.add_parser("ask", help="answer a question from the workspace's code, with file:line references")
    p.add_argument("question")
    p.add_argument("--symbol", help="the symbol the question is about")
    common(p)
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("make-tests-pass", help="run a test command and fix code until it passes")
    common(p)
    p.set_defaults(func=cmd_make_tests_pass)


def cmd_do(args: argparse.Namespace) -> int:
    return _run(args, Task("edit", instruction=args.instruction, symbol=args.symbol, files=args.file))


def cmd_fix(args: argparse.Namespace) -> int:
    path, _, where = args.target.partition(":")
    line = int(where) - 1 if where.isdigit() else None
    return _run(args, Task("fix", path=_abs(args, path), line=line, instruction=args.message))


def cmd_implement(args: argparse.Namespace) -> int:
    path, _, symbol = args.target.partition(":")
    return _run(args, Task("implement", path=_abs(args, path), symbol=symbol or None))


def cmd_ask(args: argparse.Namespace) -> int:
    return _run(args, Task("ask", instruction=args.question, symbol=args.symbol))


def cmd_make_tests_pass(args: argparse.Namespace) -> int:
    if not args.test_cmd:
        raise ModelCliError("make-tests-pass needs --test-cmd (the command that runs your tests)")
    return _run(args, Task("make-tests-pass", test_cmd=args.test_cmd))


def _abs(args: argparse.Namespace, path: str) -> str:
    """Relative to the current directory, as shells complete it; else to the workspace root."""
    if os.path.isabs(path) or os.path.exists(path):
        return os.path.abspath(path)
    return os.path.join(os.path.abspath(args.path), path)


def _run(args: argparse.Namespace, task: Task) -> int:
    from .agent.engine import Engine
    from .graph import CodeGraph, IndexOptions, index_workspace
    from .model.errors import ModelError
    from .model.routing import Router
    from .workspace import WorkspaceError

    root = os.path.abspath(args.path)
    settings = load_settings(Path(root), args)
    if task.kind == "edit":
        task.files = [_abs(args, f) for f in task.files]
    workspace = Workspace([root])
    show = _Progress(enabled=not args.json)
    show("indexing the workspace")
    graph = CodeGraph([root])
    index_workspace(graph, IndexOptions.from_settings(settings.index))
    router = Router(settings)
    engine = Engine(
        workspace,
        graph,
        router,
        settings,
        progress=show,
        escalation=not args.no_escalation,
        max_rounds=args.max_rounds,
        test_cmd=args.test_cmd,
    )

    async def go() -> Outcome:
        try:
            if args.time_limit is None:
                return await engine.run(task)
            return await _asyncio().wait_for(engine.run(task), args.time_limit)
        except TimeoutError:
            o = engine.outcome
            return engine.stopped(
                f"stopped at the time limit ({args.time_limit:g} s) after {o.rounds} round(s) "
                f"and {o.tokens_in}+{o.tokens_out} tokens; nothing written"
            )
        finally:
            await router.aclose()

    try:
        outcome = _asyncio().run(go())
    except (ModelError, WorkspaceError, LinterMissing) as exc:
        raise ModelCliError(str(exc)) from exc
    show.done()
    written = []
    if outcome.status == "verified" and not args.dry_run:
        for path, text in outcome.changes.items():
            now = workspace.read(path) if os.path.exists(path) else ""
            if now != outcome.before.get(path, ""):
                raise ModelCliError(f"{workspace.relative(path)} changed on disk while the agent worked; not written")
            workspace.write_text(path, text)
            written.append(workspace.relative(path))
    if args.json:
        data = outcome.as_dict(workspace.relative)
        data["written"] = written
        data["diff"] = _diff(workspace, outcome.before, outcome.changes)
        print(json.dumps(data, indent=2))
    else:
        _print(workspace, outcome, written, args.dry_run)
    return 0 if outcome.status in ("verified", "answered", "nothing-to-do") else 1


def _diff(workspace: Workspace, before: dict[str, str], after: dict[str, str]) -> str:
    out: list[str] = []
    for path, text in sorted(after.items()):
        rel = workspace.relative(path)
        out += difflib.unified_diff(
            before.get(path, "").splitlines(keepends=True),
            text.splitlines(keepends=True),
            f"a/{rel}",
            f"b/{rel}",
        )
    return "".join(out)


def _print(workspace: Workspace, outcome: Outcome, written: list[str], dry_run: bool) -> None:
    if outcome.answer:
        print(outcome.answer)
    diff = _diff(workspace, outcome.before, outcome.changes)
    if diff:
        print(diff, end="" if diff.endswith("\n") else "\n")
    if outcome.status == "no-verified-fix":
        print(f"smallcode: {outcome.message}", file=sys.stderr)
        for problem in outcome.remaining[:10]:
            print(f"  {problem.splitlines()[0] if problem else problem}", file=sys.stderr)
        if outcome.best_attempt:
            best = _diff(workspace, outcome.before, outcome.best_attempt)
            print("best attempt (not applied):\n" + best, file=sys.stderr)
    elif outcome.status in ("nothing-to-do", "failed"):
        print(f"smallcode: {outcome.message}", file=sys.stderr)
    stats = (
        f"{outcome.status}; {outcome.rounds} round(s), {outcome.decompositions} decomposition(s), "
        f"{outcome.escalations} escalation(s), {outcome.tokens_in}+{outcome.tokens_out} tokens, "
        f"{outcome.seconds:.1f} s"
    )
    if written:
        stats += f"; wrote {', '.join(written)}"
    elif dry_run and outcome.changes:
        stats += "; dry run, nothing written"
    print(stats, file=sys.stderr)


class _Progress:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.tty = sys.stderr.isatty()

    def __call__(self, message: str) -> None:
        if not self.enabled:
            return
        if self.tty:
            sys.stderr.write(f"\r\033[K{message[:100]}")
        else:
            sys.stderr.write(message + "\n")
        sys.stderr.flush()

    def done(self) -> None:
        if self.enabled and self.tty:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()
