"""The agent in the editor, over real stdio (pytest-lsp), with a scripted model on loopback.

Covers: code actions (listing never calls the model), each command, progress
with stage messages, applyEdit (versioned and plain), no verified fix, the
edit conflict, cancellation from the progress bar and of `smallcode/ask`,
two requests at once, status, and our own diagnostics.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, Union

import pytest
import pytest_asyncio
import pytest_lsp
from fakes.scripted_server import Recorded, Reply, ScriptedServer, completion
from lsprotocol import types as lsp
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import register_lsp_features

pytestmark = pytest.mark.asyncio(loop_scope="module")
TIMEOUT = 60.0

STATS = '''import math


def mean(values):
    """Arithmetic mean."""
    return sum(values) / len(values)


def stdev(values):
    """Population standard deviation."""
    m = mean(values)
    return math.sqrt(sum((v - m) ** 2 for v in values) / len(nums))


def median(values):
    """The middle value."""
    raise NotImplementedError
'''
FIXED = '''def stdev(values):
    """Population standard deviation."""
    m = mean(values)
    return math.sqrt(sum((v - m) ** 2 for v in values) / len(values))'''
TESTS = "from app.stats import mean\n\n\ndef test_mean():\n    assert mean([1, 2, 3]) == 2\n"


class Model:
    """The scripted model: tests queue replies; each chat request takes the next one."""

    def __init__(self) -> None:
        self.replies: list[Reply] = []

    def __call__(self, recorded: Recorded) -> Reply:
        if not self.replies:
            return Reply(status=500, json={"error": {"message": "no scripted reply"}})
        return self.replies.pop(0)


class Client(LanguageClient):
    def __init__(self) -> None:
        super().__init__(converter_factory=converter)
        self.edits: list[lsp.WorkspaceEdit] = []
        self.partials: list[Any] = []
        # pytest-lsp records window/showMessage in .messages and diagnostics in .diagnostics.


def converter() -> Any:
    # lsprotocol 2025.0.0 turns a CodeAction carrying a Command into a Command (DESIGN.md).
    conv = default_converter()

    def hook(obj: Any, _: type) -> Any:
        kind = lsp.Command if isinstance(obj.get("command"), str) else lsp.CodeAction
        return conv.structure(obj, kind)

    conv.register_structure_hook(Union[lsp.Command, lsp.CodeAction], hook)  # noqa: UP007
    return conv


def make_client() -> Client:
    client = Client()
    register_lsp_features(client)

    @client.feature(lsp.WORKSPACE_APPLY_EDIT)
    async def apply_edit(params: lsp.ApplyWorkspaceEditParams) -> lsp.ApplyWorkspaceEditResult:
        client.edits.append(params.edit)
        return lsp.ApplyWorkspaceEditResult(applied=True)

    @client.feature("smallcode/askPartial")
    def ask_partial(params: Any) -> None:
        client.partials.append(params)

    return client


@pytest.fixture(scope="module")
def model() -> Any:
    script = Model()
    with ScriptedServer(script) as server:
        server.script_model = script  # type: ignore[attr-defined]
        yield server


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("agent") / "ws"
    (root / "app").mkdir(parents=True)
    (root / "app" / "__init__.py").write_text("")
    (root / "app" / "stats.py").write_text(STATS)
    (root / "app" / "other.py").write_text("def twice(x):\n    return x * tw\n")
    (root / "tests").mkdir()
    (root / "tests" / "test_stats.py").write_text(TESTS)
    return root


@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig(server_command=[sys.executable, "-m", "smallcode_ls.server"], client_factory=make_client),
)
async def session(lsp_client: Client, workspace: Path, model: ScriptedServer):  # type: ignore[no-untyped-def]
    params = lsp.InitializeParams(
        capabilities=lsp.ClientCapabilities(
            window=lsp.WindowClientCapabilities(work_done_progress=True),
            workspace=lsp.WorkspaceClientCapabilities(
                workspace_edit=lsp.WorkspaceEditClientCapabilities(document_changes=True), apply_edit=True
            ),
        ),
        root_uri=workspace.as_uri(),
        workspace_folders=[lsp.WorkspaceFolder(uri=workspace.as_uri(), name="ws")],
        initialization_options={
            "smallcode": {
                "index": {"cacheDir": str(workspace.parent / "cache")},
                "model": {"endpoint": model.url, "model": "m"},
                "agent": {"runTests": False},
            }
        },
    )
    await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


@pytest_asyncio.fixture(loop_scope="module")
async def client(session: Client, workspace: Path, model: ScriptedServer) -> AsyncIterator[Client]:
    os.environ.setdefault("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")
    model.script_model.replies.clear()  # type: ignore[attr-defined]
    session.edits.clear()
    session.messages.clear()
    yield session
    for rel in ("app/stats.py", "app/other.py"):
        session.text_document_did_close(
            lsp.DidCloseTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=(workspace / rel).as_uri()))
        )


def open_doc(client: Client, path: Path, text: str | None = None, version: int = 1) -> str:
    uri = path.as_uri()
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(
                uri=uri, language_id="python", version=version, text=text or path.read_text()
            )
        )
    )
    return uri


def undefined_vals(uri: str) -> lsp.Diagnostic:
    return lsp.Diagnostic(
        range=lsp.Range(lsp.Position(11, 63), lsp.Position(11, 67)),
        message="Undefined name `nums`",
        source="ruff",
        code="F821",
    )


def fenced(code: str) -> str:
    return f"```python\n{code}\n```"


def apply(text: str, edit: lsp.WorkspaceEdit, uri: str) -> str:
    edits: list[lsp.TextEdit] = []
    for change in edit.document_changes or []:
        if isinstance(change, lsp.TextDocumentEdit) and change.text_document.uri == uri:
            edits += [e for e in change.edits if isinstance(e, lsp.TextEdit)]
    edits += (edit.changes or {}).get(uri, [])
    lines = text.splitlines(keepends=True)
    for e in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        start = sum(len(x) for x in lines[: e.range.start.line]) + e.range.start.character
        end = sum(len(x) for x in lines[: e.range.end.line]) + e.range.end.character
        text = text[:start] + e.new_text + text[end:]
        lines = text.splitlines(keepends=True)
    return text


async def actions_at(client: Client, uri: str, rng: lsp.Range, diags: list[lsp.Diagnostic]) -> list[lsp.CodeAction]:
    found = await client.text_document_code_action_async(
        lsp.CodeActionParams(
            text_document=lsp.TextDocumentIdentifier(uri=uri),
            range=rng,
            context=lsp.CodeActionContext(diagnostics=diags),
        )
    )
    return [a for a in found or [] if isinstance(a, lsp.CodeAction)]


async def wait_for(predicate: Any, what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not predicate():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.05)


async def test_code_actions_are_listed_without_a_model_call(
    client: Client, workspace: Path, model: ScriptedServer
) -> None:
    uri = open_doc(client, workspace / "app" / "stats.py")
    diag = undefined_vals(uri)
    actions = await actions_at(client, uri, diag.range, [diag])
    titles = [a.title for a in actions]
    assert "Fix: Undefined name `nums`" in titles and "Fix all errors in this file" in titles
    assert "Explain stdev" in titles and "Write tests for stdev" in titles
    fix = actions[titles.index("Fix: Undefined name `nums`")]
    assert fix.kind == lsp.CodeActionKind.QuickFix and fix.command is not None
    assert fix.command.command == "smallcode.fix" and fix.command.arguments[0]["uri"] == uri
    stub = lsp.Range(lsp.Position(16, 4), lsp.Position(16, 4))
    assert "Implement median" in [a.title for a in await actions_at(client, uri, stub, [])]
    selection = lsp.Range(lsp.Position(10, 4), lsp.Position(11, 10))
    assert "Edit selection with smallcode…" in [a.title for a in await actions_at(client, uri, selection, [])]
    assert not model.chat_requests()


async def test_fix_command_applies_a_versioned_edit_with_progress(
    client: Client, workspace: Path, model: ScriptedServer
) -> None:
    uri = open_doc(client, workspace / "app" / "stats.py", version=3)
    model.script_model.replies.append(completion(fenced(FIXED)))  # type: ignore[attr-defined]
    diag = undefined_vals(uri)
    args = {"uri": uri, "range": {"start": {"line": 11, "character": 0}, "end": {"line": 11, "character": 0}}}
    args["diagnostics"] = [{"range": {"start": {"line": 11, "character": 63}}, "message": diag.message, "code": "F821"}]
    result = await client.workspace_execute_command_async(
        lsp.ExecuteCommandParams(command="smallcode.fix", arguments=[args])
    )
    assert result["status"] == "verified", result
    (edit,) = client.edits
    (change,) = edit.document_changes or []
    assert isinstance(change, lsp.TextDocumentEdit) and change.text_document.version == 3
    assert apply(STATS, edit, uri) == STATS.replace("len(nums)", "len(values)")
    reports = [v for values in client.progress_reports.values() for v in values]
    messages = [getattr(v, "message", "") or "" for v in reports]
    assert any(isinstance(v, lsp.WorkDoneProgressBegin) and v.title == "smallcode: fix" for v in reports)
    assert any("generating round 1" in m for m in messages) and any("verifying" in m for m in messages)
    assert any(isinstance(v, lsp.WorkDoneProgressEnd) for v in reports)


async def test_no_verified_fix_leaves_the_text_and_says_why(
    client: Client, workspace: Path, model: ScriptedServer
) -> None:
    uri = open_doc(client, workspace / "app" / "other.py")
    model.script_model.replies += [completion("no idea"), completion("still no idea")]  # type: ignore[attr-defined]
    result = await client.workspace_execute_command_async(
        lsp.ExecuteCommandParams(command="smallcode.fixFile", arguments=[{"uri": uri}])
    )
    assert result["status"] == "no-verified-fix"
    assert not client.edits
    warning = client.messages[-1]
    assert warning.type == lsp.MessageType.Warning and "no verified fix" in warning.message


async def test_typing_elsewhere_is_kept_and_typing_in_the_target_refuses(
    client: Client, workspace: Path, model: ScriptedServer
) -> None:
    uri = open_doc(client, workspace / "app" / "stats.py", version=1)
    slow = completion(fenced(FIXED))
    slow.delay = 1.5
    model.script_model.replies.append(slow)  # type: ignore[attr-defined]
    args = {"uri": uri, "range": {"start": {"line": 11, "character": 0}, "end": {"line": 11, "character": 0}}}
    run = asyncio.ensure_future(
        client.workspace_execute_command_async(lsp.ExecuteCommandParams(command="smallcode.fix", arguments=[args]))
    )
    await wait_for(lambda: model.chat_requests(), "the model request")
    # The user adds a comment at the top while the model thinks.
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=2),
            content_changes=[
                lsp.TextDocumentContentChangePartial(
                    range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 0)), text="# typed meanwhile\n"
                )
            ],
        )
    )
    result = await run
    assert result["status"] == "verified", result
    (edit,) = client.edits
    typed = "# typed meanwhile\n" + STATS
    assert apply(typed, edit, uri) == typed.replace("len(nums)", "len(values)")
    (change,) = edit.document_changes or []
    assert isinstance(change, lsp.TextDocumentEdit) and change.text_document.version == 2

    # Now the user edits the very line the fix changes: the edit is refused.
    client.edits.clear()
    slow = completion(fenced(FIXED))
    slow.delay = 1.5
    model.script_model.replies.append(slow)  # type: ignore[attr-defined]
    seen = len(model.chat_requests())
    args["range"] = {"start": {"line": 12, "character": 0}, "end": {"line": 12, "character": 0}}
    run = asyncio.ensure_future(
        client.workspace_execute_command_async(lsp.ExecuteCommandParams(command="smallcode.fix", arguments=[args]))
    )
    await wait_for(lambda: len(model.chat_requests()) > seen, "the second model request")
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=3),
            content_changes=[
                lsp.TextDocumentContentChangePartial(
                    range=lsp.Range(lsp.Position(12, 4), lsp.Position(12, 4)), text="result = "
                )
            ],
        )
    )
    result = await run
    assert result["status"] == "conflict", result
    assert not client.edits
    assert "changed" in client.messages[-1].message


async def test_cancel_from_the_progress_bar(client: Client, workspace: Path, model: ScriptedServer) -> None:
    uri = open_doc(client, workspace / "app" / "stats.py")
    slow = completion(fenced(FIXED))
    slow.delay = 20
    model.script_model.replies.append(slow)  # type: ignore[attr-defined]
    tokens_before = set(client.progress_reports)
    started = time.monotonic()
    run = asyncio.ensure_future(
        client.workspace_execute_command_async(
            lsp.ExecuteCommandParams(command="smallcode.fixFile", arguments=[{"uri": uri}])
        )
    )
    await wait_for(lambda: set(client.progress_reports) - tokens_before, "a progress token")
    (token,) = set(client.progress_reports) - tokens_before
    await wait_for(lambda: model.chat_requests(), "the model request")
    client.window_work_done_progress_cancel(lsp.WorkDoneProgressCancelParams(token=token))
    result = await run
    assert result["status"] == "cancelled"
    assert time.monotonic() - started < 10
    assert not client.edits


async def test_ask_streams_and_answers_with_locations(client: Client, workspace: Path, model: ScriptedServer) -> None:
    from fakes.scripted_server import stream

    model.script_model.replies.append(  # type: ignore[attr-defined]
        stream(["`stdev` calls ", "`mean` (app/stats.py:4)."])
    )
    result = await client.protocol.send_request_async(
        "smallcode/ask", {"question": "What does stdev call?", "symbol": "stdev", "partialResultToken": "t1"}
    )
    answer = result["markdown"] if isinstance(result, dict) else result.markdown
    # The model's answer, with the location the harness adds after `stdev`.
    assert answer.startswith("`stdev` (app/stats.py:") and "calls `mean` (app/stats.py:4)." in answer, answer
    locations = result["locations"] if isinstance(result, dict) else result.locations
    assert any("app/stats.py" in (loc["uri"] if isinstance(loc, dict) else loc.uri) for loc in locations)
    await wait_for(lambda: client.partials, "a partial answer")
    first = client.partials[0]
    assert (first["token"] if isinstance(first, dict) else first.token) == "t1"


async def test_ask_is_cancellable(client: Client, model: ScriptedServer) -> None:
    slow = completion("late")
    slow.delay = 20
    model.script_model.replies.append(slow)  # type: ignore[attr-defined]
    seen = len(model.chat_requests())
    started = time.monotonic()
    future = client.protocol.send_request("smallcode/ask", {"question": "What does mean do?", "symbol": "mean"})
    (msg_id,) = [k for k, f in client.protocol._request_futures.items() if f is future]
    await wait_for(lambda: len(model.chat_requests()) > seen, "the model request")
    # $/cancelRequest by hand: cancelling the client's own future would make the pygls client
    # choke on the server's (correct) error response.
    client.protocol.notify(lsp.CANCEL_REQUEST, lsp.CancelParams(id=msg_id))
    with pytest.raises(Exception, match=r"(?i)cancel"):
        await asyncio.wrap_future(future)
    assert time.monotonic() - started < 10


async def test_two_requests_at_once(client: Client, workspace: Path, model: ScriptedServer) -> None:
    stats_uri = open_doc(client, workspace / "app" / "stats.py")
    other_uri = open_doc(client, workspace / "app" / "other.py")

    def reply_for(recorded: Recorded) -> Reply:
        content = recorded.body["messages"][1]["content"]
        if "def twice" in content:
            return completion(fenced("def twice(x):\n    return x * 2"))
        return completion(fenced(FIXED))

    original = model.script
    model.script = reply_for
    try:
        results = await asyncio.gather(
            client.workspace_execute_command_async(
                lsp.ExecuteCommandParams(command="smallcode.fixFile", arguments=[{"uri": stats_uri}])
            ),
            client.workspace_execute_command_async(
                lsp.ExecuteCommandParams(command="smallcode.fixFile", arguments=[{"uri": other_uri}])
            ),
        )
    finally:
        model.script = original
    assert [r["status"] for r in results] == ["verified", "verified"]
    assert len(client.edits) == 2


async def test_status_and_edit_without_instruction(client: Client, workspace: Path) -> None:
    status = await client.workspace_execute_command_async(lsp.ExecuteCommandParams(command="smallcode.status"))
    assert status["endpoint"].startswith("the endpoint at http://127.0.0.1")
    assert status["graph"]["files"] >= 3
    uri = (workspace / "app" / "stats.py").as_uri()
    args = {"uri": uri, "range": {"start": {"line": 10, "character": 0}, "end": {"line": 11, "character": 0}}}
    with pytest.raises(Exception, match="needs an instruction"):
        await client.workspace_execute_command_async(
            lsp.ExecuteCommandParams(command="smallcode.edit", arguments=[args])
        )


async def test_our_diagnostics_are_published_for_open_files(client: Client, workspace: Path) -> None:
    uri = open_doc(client, workspace / "app" / "other.py")
    await wait_for(lambda: client.diagnostics.get(uri), "our diagnostics")
    (diag,) = client.diagnostics[uri]
    assert diag.source == "smallcode" and "tw" in diag.message and diag.range.start.line == 1


async def test_workspace_has_no_leftovers(workspace: Path) -> None:
    # Nothing was written to the user's tree by the server (edits go through applyEdit).
    assert (workspace / "app" / "stats.py").read_text() == STATS
    assert not any(p.name.startswith(".smallcode-") for p in workspace.rglob("*"))
    shutil.rmtree(workspace / ".smallcode", ignore_errors=True)
