"""The agent in the editor: code actions, commands, `smallcode/ask`, our own diagnostics.

Listing code actions never calls a model. A command runs the engine under a
cancellable work-done progress and applies a verified result with
`workspace/applyEdit`; the user's typing is never overwritten (see
`edits.py`). The contract with clients is editors/PROTOCOL.md.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import uuid
from collections.abc import Callable
from typing import Any

from lsprotocol import types as lsp

from ..agent.engine import Engine
from ..agent.tasks import Diagnostic, Outcome, Task
from ..agent.units import is_stub, symbols_of
from ..agent.verify import fatal_problems
from ..graph.languages import language_for
from ..graph.model import Symbol
from ..model.endpoints import resolve_endpoint
from ..model.errors import ModelError
from ..model.routing import Router
from ..workspace import Workspace, WorkspaceError
from . import convert
from .edits import EditConflict, workspace_edit
from .server import SERVER, SmallcodeServer, _client_can

log = logging.getLogger(__name__)

DIAGNOSTIC_SOURCE = "smallcode"
DIAGNOSTIC_DELAY = 0.4  # seconds of quiet typing before our lint runs
LONG_COMMANDS = ("smallcode.fix", "smallcode.fixFile", "smallcode.implement", "smallcode.edit", "smallcode.writeTests")


class AgentHost:
    """What the agent needs from the server, created lazily: one router per settings."""

    def __init__(self, ls: SmallcodeServer) -> None:
        self.ls = ls
        self._router: Router | None = None
        self._router_settings: Any = None
        self._lint_tasks: dict[str, asyncio.Task[None]] = {}

    def router(self) -> Router:
        settings = self.ls.settings()
        key = (settings.model, settings.escalation)
        if self._router is None or self._router_settings != key:
            if self._router is not None:
                self.ls.spawn(self._router.aclose())
            self._router = Router(settings)
            self._router_settings = key
        return self._router

    def workspace(self) -> Workspace:
        docs = self.ls.documents
        return Workspace(self.ls.roots or [os.getcwd()], overlay=docs.text, open_buffers=docs.open_texts)

    def engine(self, progress: Callable[[str], None], answer_sink: Callable[[str], None] | None = None) -> Engine:
        return Engine(
            self.workspace(),
            self.ls.graph,
            self.router(),
            self.ls.settings(),
            progress=progress,
            answer_sink=answer_sink,
        )

    def text(self, path: str) -> str:
        text = self.ls.documents.text(path)
        if text is not None:
            return text
        with open(path, encoding="utf-8", errors="replace") as fh:
            return fh.read()

    # -- our diagnostics -----------------------------------------------------------

    def document_event(self, path: str, closed: bool) -> None:
        running = self._lint_tasks.pop(path, None)
        if running is not None:
            running.cancel()
        if closed:
            self._publish(path, [])
            return
        if not self.ls.settings().agent.publish_diagnostics or language_of(path) is None:
            return
        self._lint_tasks[path] = asyncio.ensure_future(self._lint_later(path))

    async def _lint_later(self, path: str) -> None:
        await asyncio.sleep(DIAGNOSTIC_DELAY)
        text = self.ls.documents.text(path)
        version = self.ls.documents.version(path)
        if text is None:
            return
        problems = await asyncio.to_thread(fatal_problems, path, text)
        if self.ls.documents.version(path) != version:
            return  # the user typed on; a newer run follows
        diagnostics = [
            lsp.Diagnostic(
                range=lsp.Range(lsp.Position(p.line, p.col), lsp.Position(p.line, max(p.col + 1, p.end_col or 0))),
                message=p.message,
                severity=lsp.DiagnosticSeverity.Error,
                source=DIAGNOSTIC_SOURCE,
                code=p.code or None,
            )
            for p in problems
        ]
        self._publish(path, diagnostics, version)

    def _publish(self, path: str, diagnostics: list[lsp.Diagnostic], version: int | None = None) -> None:
        self.ls.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=convert.path_to_uri(path), diagnostics=diagnostics, version=version)
        )


HOST = AgentHost(SERVER)
SERVER.document_listeners.append(HOST.document_event)


def language_of(path: str) -> str | None:
    spec = language_for(path)
    return spec.name if spec is not None else None


# -- code actions (no model calls) ------------------------------------------------


@SERVER.feature(
    lsp.TEXT_DOCUMENT_CODE_ACTION,
    lsp.CodeActionOptions(
        code_action_kinds=[lsp.CodeActionKind.QuickFix, lsp.CodeActionKind.RefactorRewrite, lsp.CodeActionKind.Empty]
    ),
)
def code_action(ls: SmallcodeServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
    path = convert.uri_to_path(params.text_document.uri)
    if path is None or language_of(path) is None:
        return None
    uri = params.text_document.uri
    actions: list[lsp.CodeAction] = []
    for diag in params.context.diagnostics:
        args = {"uri": uri, "range": _range_json(diag.range), "diagnostics": [_diag_json(diag)]}
        title = f"Fix: {_short(diag.message)}"
        actions.append(_action(title, lsp.CodeActionKind.QuickFix, "smallcode.fix", args, [diag]))
    if params.context.diagnostics:
        actions.append(
            _action("Fix all errors in this file", lsp.CodeActionKind.QuickFix, "smallcode.fixFile", {"uri": uri})
        )
    start = params.range.start
    sym = ls.graph.symbol_at(path, start.line, start.character)
    if sym is not None and sym.kind not in ("class", "interface", "type") and _looks_like_stub(ls, path, sym):
        args = {"uri": uri, "symbol": sym.qualname}
        actions.append(
            _action(f"Implement {sym.name}", lsp.CodeActionKind.RefactorRewrite, "smallcode.implement", args)
        )
    if params.range.start != params.range.end:
        args = {"uri": uri, "range": _range_json(params.range)}
        actions.append(
            _action("Edit selection with smallcode…", lsp.CodeActionKind.RefactorRewrite, "smallcode.edit", args)
        )
    if sym is not None:
        position = {"line": start.line, "character": start.character}
        actions.append(
            _action(
                f"Explain {sym.name}", lsp.CodeActionKind.Empty, "smallcode.explain", {"uri": uri, "position": position}
            )
        )
        if not ls.graph.is_test_file(path):
            args = {"uri": uri, "symbol": sym.qualname}
            actions.append(
                _action(f"Write tests for {sym.name}", lsp.CodeActionKind.RefactorRewrite, "smallcode.writeTests", args)
            )
    return actions or None


def _looks_like_stub(ls: SmallcodeServer, path: str, sym: Symbol) -> bool:
    """Parse only the symbol's own lines: a whole 3k-line file would cost more than the listing's budget."""
    text = ls.documents.text(path)
    if text is None:
        return False
    lines = text.split("\n")[sym.start[0] : sym.end[0] + 1]
    if not lines or len(lines) > 60:
        return False
    indent = len(lines[0]) - len(lines[0].lstrip())
    snippet = "\n".join(line[indent:] if line[:indent].strip() == "" else line for line in lines)
    found = symbols_of(path, snippet)
    return bool(found) and is_stub(path, snippet, found[0])


def _action(
    title: str, kind: str, command: str, args: dict[str, Any], diagnostics: list[lsp.Diagnostic] | None = None
) -> lsp.CodeAction:
    return lsp.CodeAction(
        title=title,
        kind=kind,
        diagnostics=diagnostics,
        command=lsp.Command(title=title, command=command, arguments=[args]),
    )


def _short(message: str, limit: int = 70) -> str:
    first = message.strip().split("\n")[0]
    return first if len(first) <= limit else first[: limit - 1] + "…"


def _range_json(rng: lsp.Range) -> dict[str, Any]:
    return {
        "start": {"line": rng.start.line, "character": rng.start.character},
        "end": {"line": rng.end.line, "character": rng.end.character},
    }


def _diag_json(diag: lsp.Diagnostic) -> dict[str, Any]:
    return {
        "range": _range_json(diag.range),
        "message": diag.message,
        "source": diag.source or "",
        "code": str(diag.code) if diag.code is not None else "",
    }


# -- commands ----------------------------------------------------------------------


class CommandError(Exception):
    pass


def _arg(args: tuple[Any, ...]) -> dict[str, Any]:
    if not args or not isinstance(args[0], dict):
        raise CommandError("expected one argument object (see editors/PROTOCOL.md)")
    return args[0]


def _path_of(arg: dict[str, Any]) -> str:
    uri = arg.get("uri")
    path = convert.uri_to_path(uri) if isinstance(uri, str) else None
    if path is None:
        raise CommandError(f"not a file URI: {uri!r}")
    return path


def _line(pos: Any) -> int | None:
    return int(pos["line"]) if isinstance(pos, dict) and "line" in pos else None


@SERVER.command("smallcode.fix")
async def cmd_fix(ls: SmallcodeServer, *args: Any) -> dict[str, Any]:
    arg = _arg(args)
    path = _path_of(arg)
    diagnostics = [
        Diagnostic(
            message=str(d.get("message", "")),
            line=int(d["range"]["start"]["line"]),
            col=int(d["range"]["start"].get("character", 0)),
            source=str(d.get("source") or "editor"),
            code=str(d.get("code") or ""),
        )
        for d in arg.get("diagnostics") or []
        if isinstance(d, dict) and isinstance(d.get("range"), dict)
    ]
    # Our own diagnostics come back as plain lint findings: re-derive them, keys match.
    if diagnostics and all(d.source == DIAGNOSTIC_SOURCE for d in diagnostics):
        line = diagnostics[0].line
        return await _run_edit(ls, "fix", Task("fix", path=path, line=line))
    start = _line((arg.get("range") or {}).get("start"))
    return await _run_edit(ls, "fix", Task("fix", path=path, line=start, diagnostics=diagnostics))


@SERVER.command("smallcode.fixFile")
async def cmd_fix_file(ls: SmallcodeServer, *args: Any) -> dict[str, Any]:
    return await _run_edit(ls, "fix file", Task("fix", path=_path_of(_arg(args))))


@SERVER.command("smallcode.implement")
async def cmd_implement(ls: SmallcodeServer, *args: Any) -> dict[str, Any]:
    arg = _arg(args)
    task = Task("implement", path=_path_of(arg), symbol=arg.get("symbol"), line=_line(arg.get("position")))
    return await _run_edit(ls, "implement", task)


@SERVER.command("smallcode.edit")
async def cmd_edit(ls: SmallcodeServer, *args: Any) -> dict[str, Any]:
    arg = _arg(args)
    instruction = str(arg.get("instruction") or "").strip()
    if not instruction:
        raise CommandError("smallcode.edit needs an instruction: the client asks the user for one")
    rng = arg.get("range") or {}
    task = Task(
        "edit",
        path=_path_of(arg),
        instruction=instruction,
        line=_line(rng.get("start")),
        end_line=_line(rng.get("end")),
    )
    return await _run_edit(ls, "edit", task)


@SERVER.command("smallcode.writeTests")
async def cmd_write_tests(ls: SmallcodeServer, *args: Any) -> dict[str, Any]:
    arg = _arg(args)
    path = _path_of(arg)
    symbol = str(arg.get("symbol") or "")
    if not symbol:
        raise CommandError("smallcode.writeTests needs a symbol")
    root = next((r for r in ls.roots if path.startswith(r + os.sep)), os.path.dirname(path))
    name = symbol.rsplit(".", 1)[-1]
    target = os.path.join(root, "tests", f"test_{name.lower()}.py")
    suffix = 2
    while os.path.exists(target):
        target = os.path.join(root, "tests", f"test_{name.lower()}_{suffix}.py")
        suffix += 1
    instruction = (
        f"Write pytest tests for `{symbol}` from {os.path.relpath(path, root)}: import it, cover normal use and "
        "edge cases, and keep each test short."
    )
    return await _run_edit(ls, "write tests", Task("edit", instruction=instruction, files=[target]))


@SERVER.command("smallcode.explain")
async def cmd_explain(ls: SmallcodeServer, *args: Any) -> dict[str, Any]:
    markdown = await _ask_at(
        ls, _arg(args), "Explain what `{name}` does, its inputs and outputs, and where it is used."
    )
    if not _client_can(ls, "window.show_document"):
        ls.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Info, message=markdown))
    return {"markdown": markdown}


@SERVER.command("smallcode.askSymbol")
async def cmd_ask_symbol(ls: SmallcodeServer, *args: Any) -> dict[str, Any]:
    arg = _arg(args)
    return {"markdown": await _ask_at(ls, arg, str(arg.get("question") or "What does `{name}` do?"))}


async def _ask_at(ls: SmallcodeServer, arg: dict[str, Any], question: str) -> str:
    """Ask about the symbol at `arg`'s position; `{name}` in the question becomes its name."""
    path = _path_of(arg)
    position = arg.get("position") or {}
    line = _line(position) or 0
    sym = ls.graph.symbol_at(path, line, int(position.get("character", 0)))
    name = sym.qualname if sym is not None else os.path.basename(path)
    return await _answer(ls, question.replace("{name}", name), path, line, sym.qualname if sym else None)


@SERVER.command("smallcode.status")
async def cmd_status(ls: SmallcodeServer, *args: Any) -> dict[str, Any]:
    settings = ls.settings()
    try:
        endpoint = resolve_endpoint(settings.model)
        label = endpoint.label
    except ModelError as exc:
        label = f"invalid: {exc}"
    router = HOST.router()
    window = settings.model.context_window
    if window is None and router.opened_local is not None:
        window = await router.opened_local.context_window()
    last = router.records[-1].as_dict() if router.records else None
    return {
        "endpoint": label,
        "model": settings.model.model or (endpoint.embedded_model if label and "embedded" in label else None),
        "contextWindow": window,
        "graph": ls.graph.stats(),
        "lastEscalation": last,
        "escalationsLeft": router.escalation_left(),
    }


async def _answer(ls: SmallcodeServer, question: str, path: str | None, line: int | None, symbol: str | None) -> str:
    progress = await _AgentProgress.start(ls, "smallcode: ask")
    engine = HOST.engine(progress.report)
    task = Task("ask", instruction=question, symbol=symbol, path=path, line=line)
    try:
        outcome = await progress.race(engine.run(task))
    finally:
        progress.end()
    if outcome.status != "answered":
        raise CommandError(outcome.message or "no answer")
    return outcome.answer


async def _run_edit(ls: SmallcodeServer, what: str, task: Task) -> dict[str, Any]:
    progress = await _AgentProgress.start(ls, f"smallcode: {what}")
    engine = HOST.engine(progress.report)
    try:
        outcome: Outcome = await progress.race(engine.run(task))
    except asyncio.CancelledError:
        progress.end("cancelled")
        return {"status": "cancelled", "message": "cancelled; nothing was changed"}
    except (ModelError, WorkspaceError) as exc:
        progress.end(str(exc))
        ls.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Error, message=f"smallcode: {exc}"))
        return {"status": "failed", "message": str(exc)}
    if outcome.status != "verified":
        progress.end(outcome.message)
        kind = lsp.MessageType.Warning if outcome.status == "no-verified-fix" else lsp.MessageType.Info
        details = [r.split("\n")[0] for r in outcome.remaining[:5]]
        lines = [f"smallcode: {outcome.message}", *[d for d in details if d not in outcome.message]]
        ls.window_show_message(lsp.ShowMessageParams(type=kind, message="\n".join(lines)))
        return {"status": outcome.status, "message": outcome.message, "remaining": outcome.remaining}
    try:
        edit = workspace_edit(ls, outcome)
    except EditConflict as exc:
        progress.end("not applied")
        ls.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Warning, message=f"smallcode: {exc}"))
        return {"status": "conflict", "message": str(exc)}
    result = await ls.workspace_apply_edit_async(lsp.ApplyWorkspaceEditParams(edit=edit, label=f"smallcode: {what}"))
    if not result.applied:
        reason = result.failure_reason or "the editor refused the edit"
        progress.end("not applied")
        ls.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Warning, message=f"smallcode: {reason}"))
        return {"status": "not-applied", "message": reason}
    progress.end(outcome.message)
    return {"status": "verified", "message": outcome.message, "rounds": outcome.rounds}


class _AgentProgress:
    """A cancellable work-done progress for one agent run; cancelling it from the editor cancels the run."""

    def __init__(self, ls: SmallcodeServer, token: str | None) -> None:
        self.ls = ls
        self.token = token
        self.ended = False

    @classmethod
    async def start(cls, ls: SmallcodeServer, title: str) -> _AgentProgress:
        token: str | None = None
        if _client_can(ls, "window.work_done_progress"):
            token = f"smallcode/{uuid.uuid4()}"
            try:
                await ls.work_done_progress.create_async(token)
            except Exception as exc:  # the bar is a nicety
                log.warning("client refused a progress bar: %s", exc)
                token = None
        if token is not None:
            ls.work_done_progress.begin(
                token, lsp.WorkDoneProgressBegin(title=title, message="finding code", cancellable=True)
            )
        return cls(ls, token)

    def report(self, message: str) -> None:
        if self.token is not None and not self.ended:
            self.ls.work_done_progress.report(self.token, lsp.WorkDoneProgressReport(message=message))

    async def race(self, work: Any) -> Any:
        """Run `work`; a cancel from the progress bar cancels it."""
        task = asyncio.ensure_future(work)
        token_future = self.ls.work_done_progress.tokens.get(self.token) if self.token else None
        if token_future is None:
            return await task
        # pygls keeps a concurrent future per token, cancelled by window/workDoneProgress/cancel.
        cancelled = asyncio.ensure_future(_until_cancelled(token_future))
        waiter = asyncio.ensure_future(asyncio.wait([task, cancelled], return_when=asyncio.FIRST_COMPLETED))
        try:
            await waiter
        except asyncio.CancelledError:
            task.cancel()
            raise
        cancelled.cancel()
        if not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
            raise asyncio.CancelledError
        return task.result()

    def end(self, message: str = "done") -> None:
        if self.token is not None and not self.ended:
            self.ended = True
            self.ls.work_done_progress.end(self.token, lsp.WorkDoneProgressEnd(message=_short(message, 120)))


async def _until_cancelled(future: Any) -> None:
    while not future.cancelled():
        await asyncio.sleep(0.1)


# -- smallcode/ask -------------------------------------------------------------------


@SERVER.feature("smallcode/ask")
async def ask(ls: SmallcodeServer, params: Any) -> dict[str, Any]:
    data = _as_dict(params)
    question = str(data.get("question") or "").strip()
    if not question:
        raise CommandError("smallcode/ask needs a question")
    doc = data.get("textDocument") or {}
    path = convert.uri_to_path(doc["uri"]) if isinstance(doc, dict) and isinstance(doc.get("uri"), str) else None
    line = _line(data.get("position"))
    symbol = data.get("symbol")
    if symbol is None and path is not None and line is not None:
        sym = ls.graph.symbol_at(path, line, int((data.get("position") or {}).get("character", 0)))
        symbol = sym.qualname if sym is not None else None
    token = data.get("partialResultToken")

    def partial(text: str) -> None:
        ls.protocol.notify("smallcode/askPartial", {"token": token, "text": text})

    engine = HOST.engine(lambda message: None, answer_sink=partial)
    outcome = await engine.run(Task("ask", instruction=question, symbol=symbol, path=path, line=line))
    if outcome.status != "answered":
        raise CommandError(outcome.message or "no answer")
    locations = []
    for ref in (
        outcome.answer.split("Code consulted:\n", 1)[-1].splitlines() if "Code consulted:" in outcome.answer else []
    ):
        parts = ref.removeprefix("- ").split(" ", 1)[0].rsplit(":", 1)
        if len(parts) == 2 and parts[1].isdigit():
            full = os.path.join(ls.roots[0], parts[0]) if ls.roots else parts[0]
            pos = lsp.Position(int(parts[1]) - 1, 0)
            locations.append({"uri": convert.path_to_uri(full), "range": _range_json(lsp.Range(pos, pos))})
    return {"markdown": outcome.answer, "locations": locations}


def _as_dict(params: Any) -> dict[str, Any]:
    if isinstance(params, dict):
        return params
    if hasattr(params, "_asdict"):
        return {k: _as_dict(v) if hasattr(v, "_asdict") else v for k, v in params._asdict().items()}
    if hasattr(params, "__dict__"):
        return {
            k: _as_dict(v) if hasattr(v, "__dict__") or hasattr(v, "_asdict") else v for k, v in vars(params).items()
        }
    return {}
