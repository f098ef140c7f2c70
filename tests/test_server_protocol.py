"""The language server over real stdio, driven by pytest-lsp.

One `python -m smallcode_ls.server` serves the whole module (starting one costs
seconds, mostly importing lsprotocol) on a copy of `fixtures/ws_server`, with
the index cache in a tmp dir. Tests leave the workspace as they found it: the
documents a test opens are closed after it, which puts the disk version back.
"""

from __future__ import annotations

import asyncio
import shutil
import sys
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

import pytest
import pytest_asyncio
import pytest_lsp
from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException, JsonRpcInternalError, JsonRpcInvalidParams
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import register_lsp_features

FIXTURE = Path(__file__).parent / "fixtures" / "ws_server"
TIMEOUT = 10.0

T = TypeVar("T")

pytestmark = pytest.mark.asyncio(loop_scope="module")


class Client(LanguageClient):
    """The pytest-lsp client, plus the workspace it serves and the capability
    registrations it received (the stock client has no handler for those)."""

    def __init__(self) -> None:
        super().__init__(converter_factory=default_converter)
        self.registrations: list[lsp.Registration] = []
        self.root = Path()
        self.init_result: lsp.InitializeResult | None = None
        self.opened: list[str] = []

    def uri(self, rel: str) -> str:
        return (self.root / rel).as_uri()


def make_client() -> Client:
    client = Client()
    register_lsp_features(client)

    @client.feature(lsp.CLIENT_REGISTER_CAPABILITY)
    def register_capability(params: lsp.RegistrationParams) -> None:
        client.registrations.extend(params.registrations)

    return client


def capabilities() -> lsp.ClientCapabilities:
    return lsp.ClientCapabilities(
        # utf-8 first: the server must still choose utf-16, which its graph stores.
        general=lsp.GeneralClientCapabilities(
            position_encodings=[lsp.PositionEncodingKind.Utf8, lsp.PositionEncodingKind.Utf16]
        ),
        window=lsp.WindowClientCapabilities(work_done_progress=True),
        workspace=lsp.WorkspaceClientCapabilities(
            configuration=True,
            workspace_folders=True,
            did_change_watched_files=lsp.DidChangeWatchedFilesClientCapabilities(dynamic_registration=True),
            did_change_configuration=lsp.DidChangeConfigurationClientCapabilities(dynamic_registration=True),
        ),
        text_document=lsp.TextDocumentClientCapabilities(
            document_symbol=lsp.DocumentSymbolClientCapabilities(hierarchical_document_symbol_support=True),
            call_hierarchy=lsp.CallHierarchyClientCapabilities(),
        ),
    )


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("server") / "ws"
    shutil.copytree(FIXTURE, root)
    return root


@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig(server_command=[sys.executable, "-m", "smallcode_ls.server"], client_factory=make_client),
)
async def session(lsp_client: Client, workspace: Path):  # type: ignore[no-untyped-def]
    lsp_client.root = workspace
    params = lsp.InitializeParams(
        capabilities=capabilities(),
        root_uri=workspace.as_uri(),
        workspace_folders=[lsp.WorkspaceFolder(uri=workspace.as_uri(), name="ws")],
        # Never the real per-user cache.
        initialization_options={"index": {"cacheDir": str(workspace.parent / "cache")}},
    )
    lsp_client.init_result = await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


@pytest_asyncio.fixture(loop_scope="module")
async def client(session: Client) -> AsyncIterator[Client]:
    yield session
    for uri in session.opened:
        session.text_document_did_close(
            lsp.DidCloseTextDocumentParams(text_document=lsp.TextDocumentIdentifier(uri=uri))
        )
    session.opened.clear()


# -- helpers -----------------------------------------------------------------------


async def eventually(probe: Callable[[], Awaitable[T]], ok: Callable[[T], bool]) -> T:
    """Poll `probe` until `ok` holds: notifications have no reply to wait for."""
    deadline = asyncio.get_running_loop().time() + TIMEOUT
    while True:
        value = await probe()
        if ok(value) or asyncio.get_running_loop().time() > deadline:
            return value
        await asyncio.sleep(0.05)


def index_reports(client: Client) -> list[Any]:
    return [v for reports in client.progress_reports.values() for v in reports]


async def wait_indexed(client: Client) -> list[Any]:
    async def reports() -> list[Any]:
        return index_reports(client)

    found = await eventually(reports, lambda vs: any(isinstance(v, lsp.WorkDoneProgressEnd) for v in vs))
    assert any(isinstance(v, lsp.WorkDoneProgressEnd) for v in found), "indexing never ended"
    return found


def open_file(client: Client, rel: str, language: str = "python", text: str | None = None) -> str:
    uri = client.uri(rel)
    client.opened.append(uri)
    body = (client.root / rel).read_text(encoding="utf-8") if text is None else text
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(
            text_document=lsp.TextDocumentItem(uri=uri, language_id=language, version=1, text=body)
        )
    )
    return uri


def edit(client: Client, uri: str, version: int, start: tuple[int, int], end: tuple[int, int], text: str) -> None:
    change = lsp.TextDocumentContentChangePartial(
        range=lsp.Range(start=lsp.Position(*start), end=lsp.Position(*end)), text=text
    )
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            text_document=lsp.VersionedTextDocumentIdentifier(uri=uri, version=version), content_changes=[change]
        )
    )


async def symbols(client: Client, uri: str) -> list[lsp.DocumentSymbol]:
    found = await client.text_document_document_symbol_async(
        lsp.DocumentSymbolParams(text_document=lsp.TextDocumentIdentifier(uri=uri))
    )
    return list(found or [])  # type: ignore[arg-type]


def outline(nodes: list[lsp.DocumentSymbol]) -> list[Any]:
    return [(n.name, outline(list(n.children))) if n.children else n.name for n in nodes]


async def find_symbol(client: Client, query: str) -> list[lsp.SymbolInformation]:
    found = await client.workspace_symbol_async(lsp.WorkspaceSymbolParams(query=query))
    return [s for s in found or [] if isinstance(s, lsp.SymbolInformation) and s.name == query]


async def prepare(client: Client, rel: str, line: int, character: int) -> list[lsp.CallHierarchyItem]:
    items = await client.text_document_prepare_call_hierarchy_async(
        lsp.CallHierarchyPrepareParams(
            text_document=lsp.TextDocumentIdentifier(uri=client.uri(rel)), position=lsp.Position(line, character)
        )
    )
    return list(items or [])


async def outgoing(client: Client, item: lsp.CallHierarchyItem) -> list[lsp.CallHierarchyOutgoingCall]:
    calls = await client.call_hierarchy_outgoing_calls_async(lsp.CallHierarchyOutgoingCallsParams(item=item))
    return list(calls or [])


async def incoming(client: Client, item: lsp.CallHierarchyItem) -> list[lsp.CallHierarchyIncomingCall]:
    calls = await client.call_hierarchy_incoming_calls_async(lsp.CallHierarchyIncomingCallsParams(item=item))
    return list(calls or [])


async def raw_request(client: Client, method: str, params: Any) -> Any:
    """Send params the typed client API would refuse to build."""
    msg_id = str(uuid.uuid4())
    future: Future[Any] = Future()
    client.protocol._request_futures[msg_id] = future
    client.protocol._send_data({"jsonrpc": "2.0", "id": msg_id, "method": method, "params": params})
    return await asyncio.wait_for(asyncio.wrap_future(future), TIMEOUT)


# -- lifecycle -----------------------------------------------------------------------


async def test_initialize_advertises_utf16_and_reports_indexing(client: Client) -> None:
    assert client.init_result is not None
    caps = client.init_result.capabilities
    assert caps.position_encoding == lsp.PositionEncodingKind.Utf16
    assert isinstance(caps.text_document_sync, lsp.TextDocumentSyncOptions)
    assert caps.text_document_sync.change == lsp.TextDocumentSyncKind.Incremental
    assert caps.call_hierarchy_provider and caps.document_symbol_provider and caps.workspace_symbol_provider

    reports = await wait_indexed(client)
    begin = next(v for v in reports if isinstance(v, lsp.WorkDoneProgressBegin))
    end = next(v for v in reports if isinstance(v, lsp.WorkDoneProgressEnd))  # the first run's
    assert "index" in begin.title
    assert end.message is not None and "indexed 6 files" in end.message

    async def registrations() -> list[lsp.Registration]:
        return client.registrations

    regs = await eventually(registrations, lambda rs: len(rs) >= 2)
    watched = next(r for r in regs if r.method == lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    patterns = [w["globPattern"] for w in watched.register_options["watchers"]]  # type: ignore[index]
    assert "**/.smallcode.toml" in patterns and "**/pyproject.toml" in patterns
    assert any(".py" in p or "py," in p for p in patterns)


# -- documents -----------------------------------------------------------------------


async def test_document_symbols_are_nested(client: Client) -> None:
    # Deliberately not waiting for the index: the open document is indexed on open.
    uri = open_file(client, "shop/cart.py")
    found = await symbols(client, uri)
    assert outline(found) == [("Cart", ["__init__", "add", "total"]), "checkout"]
    cart = found[0]
    assert cart.kind == lsp.SymbolKind.Class
    assert cart.children[0].kind == lsp.SymbolKind.Method  # type: ignore[index]
    assert cart.selection_range == lsp.Range(start=lsp.Position(5, 6), end=lsp.Position(5, 10))
    assert found[1].kind == lsp.SymbolKind.Function


async def test_incremental_edits_update_symbols(client: Client) -> None:
    await wait_indexed(client)
    uri = open_file(client, "shop/pricing.py")
    # `def add_tax(` -> `def add_vat(`: three characters.
    edit(client, uri, 2, (8, 8), (8, 11), "vat")
    # A new method at the end of PriceBook.
    edit(client, uri, 3, (23, 0), (23, 0), "\n    def total_of(self, names: list[str]) -> float:\n        return 0.0\n")
    found = await symbols(client, uri)
    assert outline(found) == [
        "apply_discount",
        "add_vat",
        ("PriceBook", ["__init__", "price_of", "discounted", "total_of"]),
    ]
    assert await find_symbol(client, "add_vat")
    assert not await find_symbol(client, "add_tax")


async def test_incremental_edit_after_astral_character_uses_utf16_columns(client: Client) -> None:
    prefix = 'const coin = "💶"; export function '
    uri = open_file(client, "web/coins.ts", "typescript", text=prefix + "euro(): string { return coin; }\n")
    col = len(prefix.encode("utf-16-le")) // 2  # the emoji is two UTF-16 units
    edit(client, uri, 2, (0, col), (0, col + 4), "yen")
    [sym] = await symbols(client, uri)
    assert sym.name == "yen"
    assert sym.selection_range == lsp.Range(start=lsp.Position(0, col), end=lsp.Position(0, col + 3))


# -- workspace -----------------------------------------------------------------------


async def test_workspace_symbol_finds_unopened_files(client: Client) -> None:
    await wait_indexed(client)
    for name, rel in [("PriceBook", "shop/pricing.py"), ("formatPrice", "web/util.js"), ("double", "gosvc/main.go")]:
        [found] = await find_symbol(client, name)
        assert found.location.uri == client.uri(rel)
    [method] = await find_symbol(client, "price_of")
    assert method.container_name == "PriceBook" and method.kind == lsp.SymbolKind.Method


async def test_watched_files_created_and_deleted(client: Client) -> None:
    await wait_indexed(client)
    new = client.root / "shop" / "refunds.py"
    new.write_text("def refund_order(order_id: int) -> None:\n    pass\n", encoding="utf-8")
    notify_watched(client, new, lsp.FileChangeType.Created)
    assert await eventually(lambda: find_symbol(client, "refund_order"), bool)

    new.unlink()
    notify_watched(client, new, lsp.FileChangeType.Deleted)
    assert not await eventually(lambda: find_symbol(client, "refund_order"), lambda found: not found)


async def test_watched_change_of_an_open_file_keeps_the_buffer(client: Client) -> None:
    await wait_indexed(client)
    path = client.root / "web" / "banner.ts"
    path.write_text('export function banner(): string {\n  return "hi";\n}\n', encoding="utf-8")
    uri = open_file(client, "web/banner.ts", "typescript")
    edit(client, uri, 2, (0, 16), (0, 22), "flag")  # banner -> flag, in the buffer only
    path.write_text(path.read_text(encoding="utf-8").replace("banner", "poster"), encoding="utf-8")
    notify_watched(client, path, lsp.FileChangeType.Changed)
    await asyncio.sleep(0.3)
    assert outline(await symbols(client, uri)) == ["flag"]
    assert not await find_symbol(client, "poster")
    path.unlink()  # closing the document after the test then drops it from the graph


async def test_config_file_change_reloads_settings_and_reindexes(client: Client) -> None:
    await wait_indexed(client)
    config = client.root / ".smallcode.toml"
    config.write_text("[index]\nmax_line_length = 0\n", encoding="utf-8")
    notify_watched(client, config, lsp.FileChangeType.Created)
    shown = await asyncio.wait_for(client.wait_for_notification(lsp.WINDOW_SHOW_MESSAGE), TIMEOUT)
    assert shown.type == lsp.MessageType.Error and "max_line_length" in shown.message

    config.write_text('[index]\nexclude = ["web/**"]\n', encoding="utf-8")
    notify_watched(client, config, lsp.FileChangeType.Changed)
    assert not await eventually(lambda: find_symbol(client, "formatPrice"), lambda found: not found)

    config.unlink()
    notify_watched(client, config, lsp.FileChangeType.Deleted)
    assert await eventually(lambda: find_symbol(client, "formatPrice"), bool)


async def test_added_and_removed_workspace_folder(client: Client, tmp_path: Path) -> None:
    await wait_indexed(client)
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "tools.py").write_text("def extra_helper() -> int:\n    return 1\n", encoding="utf-8")
    folder = lsp.WorkspaceFolder(uri=extra.as_uri(), name="extra")
    uri = open_file(client, "shop/cart.py")
    edit(client, uri, 2, (18, 4), (18, 12), "pay")  # checkout -> pay, unsaved

    change_folders(client, added=[folder])
    assert await eventually(lambda: find_symbol(client, "extra_helper"), bool)
    # The re-index read cart.py from disk; the editor's buffer must win again
    # (polled: the buffer is re-applied just after the new graph is loaded).
    found = await eventually(lambda: symbols(client, uri), lambda syms: outline(syms)[-1] == "pay")
    assert outline(found)[-1] == "pay"

    change_folders(client, removed=[folder])
    assert not await eventually(lambda: find_symbol(client, "extra_helper"), lambda found: not found)


def change_folders(
    client: Client, added: list[lsp.WorkspaceFolder] | None = None, removed: list[lsp.WorkspaceFolder] | None = None
) -> None:
    event = lsp.WorkspaceFoldersChangeEvent(added=added or [], removed=removed or [])
    client.workspace_did_change_workspace_folders(lsp.DidChangeWorkspaceFoldersParams(event=event))


def notify_watched(client: Client, path: Path, kind: lsp.FileChangeType) -> None:
    client.workspace_did_change_watched_files(
        lsp.DidChangeWatchedFilesParams(changes=[lsp.FileEvent(uri=path.as_uri(), type=kind)])
    )


# -- call hierarchy --------------------------------------------------------------------


async def test_python_call_hierarchy_across_files(client: Client) -> None:
    await wait_indexed(client)
    [item] = await prepare(client, "shop/pricing.py", 3, 6)  # on `apply_discount`'s name
    assert (item.name, item.kind, item.uri) == (
        "apply_discount",
        lsp.SymbolKind.Function,
        client.uri("shop/pricing.py"),
    )

    callers = {(c.from_.name, c.from_.kind): c for c in await incoming(client, item)}
    assert set(callers) == {
        ("total", lsp.SymbolKind.Method),
        ("discounted", lsp.SymbolKind.Method),
        ("cart.py", lsp.SymbolKind.File),  # `DEFAULT_TOTAL = apply_discount(...)` at module level
    }
    total = callers[("total", lsp.SymbolKind.Method)]
    assert total.from_.uri == client.uri("shop/cart.py")
    assert list(total.from_ranges) == [lsp.Range(start=lsp.Position(15, 23), end=lsp.Position(15, 37))]

    callees = {c.to.name: c for c in await outgoing(client, total.from_)}
    assert set(callees) == {"price_of", "add_tax", "apply_discount"}
    assert callees["add_tax"].to.uri == client.uri("shop/pricing.py")
    assert list(callees["add_tax"].from_ranges) == [lsp.Range(start=lsp.Position(15, 15), end=lsp.Position(15, 22))]


async def test_prepare_on_a_call_gives_the_callee(client: Client) -> None:
    await wait_indexed(client)
    [item] = await prepare(client, "shop/cart.py", 15, 17)  # inside `add_tax(` in Cart.total
    assert (item.name, item.uri) == ("add_tax", client.uri("shop/pricing.py"))


@pytest.mark.parametrize(
    ("rel", "position", "caller", "callee"),
    [
        ("web/util.js", (4, 10), "renderTotal", "formatPrice"),
        ("web/greet.ts", (4, 17), "greet", "shout"),
        ("gosvc/main.go", (8, 6), "main", "double"),
    ],
)
async def test_outgoing_calls_js_ts_go(
    client: Client, rel: str, position: tuple[int, int], caller: str, callee: str
) -> None:
    await wait_indexed(client)
    [item] = await prepare(client, rel, *position)
    assert item.name == caller
    assert [c.to.name for c in await outgoing(client, item)] == [callee]
    [back] = await incoming(client, (await prepare(client, rel, *_name_of(client, rel, callee)))[0])
    assert back.from_.name == caller


def _name_of(client: Client, rel: str, name: str) -> tuple[int, int]:
    """Where `name` is defined in a fixture file (its first occurrence)."""
    for line, text in enumerate((client.root / rel).read_text(encoding="utf-8").splitlines()):
        if f"function {name}" in text or f"func {name}" in text:
            return line, text.index(name)
    raise AssertionError(f"{name} not in {rel}")


# -- configuration and errors -------------------------------------------------------------


async def test_invalid_pushed_config_is_reported_and_server_keeps_serving(client: Client) -> None:
    client.workspace_did_change_configuration(
        lsp.DidChangeConfigurationParams(settings={"smallcode": {"index": {"maxFileBytes": -5}}})
    )
    shown = await asyncio.wait_for(client.wait_for_notification(lsp.WINDOW_SHOW_MESSAGE), TIMEOUT)
    assert shown.type == lsp.MessageType.Error
    assert "max_file_bytes" in shown.message
    uri = open_file(client, "shop/cart.py")
    assert outline(await symbols(client, uri))[-1] == "checkout"


async def test_invalid_pulled_config_is_reported(client: Client) -> None:
    client.set_configuration({"index": {"workers": "many"}}, section="smallcode")
    client.workspace_did_change_configuration(lsp.DidChangeConfigurationParams(settings=None))
    shown = await asyncio.wait_for(client.wait_for_notification(lsp.WINDOW_SHOW_MESSAGE), TIMEOUT)
    assert shown.type == lsp.MessageType.Error
    assert "workers" in shown.message


async def test_malformed_request_gets_an_error_response(client: Client) -> None:
    with pytest.raises(JsonRpcInvalidParams) as err:
        await raw_request(client, lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL, {"textDocument": 42})
    assert "textDocument/documentSymbol" in str(err.value)
    assert "text_document.uri" in str(err.value)
    uri = open_file(client, "shop/cart.py")
    assert await symbols(client, uri)


async def test_raising_handler_gets_an_error_response(client: Client) -> None:
    bogus = lsp.CallHierarchyItem(
        name="ghost",
        kind=lsp.SymbolKind.Function,
        uri=client.uri("shop/cart.py"),
        range=lsp.Range(start=lsp.Position(0, 0), end=lsp.Position(0, 1)),
        selection_range=lsp.Range(start=lsp.Position(0, 0), end=lsp.Position(0, 1)),
        data=42,
    )
    popups = len(client.messages)
    with pytest.raises(JsonRpcException) as err:
        await incoming(client, bogus)
    assert isinstance(err.value, JsonRpcInternalError)
    assert "symbol id" in str(err.value)
    uri = open_file(client, "shop/cart.py")
    assert await symbols(client, uri)
    # Anything sent along with the error would have arrived before this answer.
    assert len(client.messages) == popups, "a request error is answered, not shown as a popup"
