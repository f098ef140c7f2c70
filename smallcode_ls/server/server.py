"""The pygls adapter: LSP in, engine calls, LSP out.

Every feature is one short function over the engine (graph, documents, config);
conversions live in `convert.py`. Handlers run on the event loop, so anything
that can take long (the workspace index, a fuzzy search over every symbol,
reading files from disk) runs in a thread, and its results are applied back on
the loop, where the editor's own edits are applied too: that ordering is what
keeps an open buffer from being overwritten by older text from disk.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import uuid
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from cattrs import ClassValidationError, transform_error
from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol, lsp_method

from .. import __version__
from ..config import CLIENT_SECTION, CONFIG_FILE_NAMES, ConfigManager, Settings
from ..graph.documents import Documents
from ..graph.indexer import IndexOptions, IndexStats, ignored, index_file, index_workspace
from ..graph.languages import LANGUAGES, language_for
from ..graph.model import RESOLVED, CallSite, Symbol
from ..graph.store import CodeGraph
from . import convert

log = logging.getLogger(__name__)

WORKSPACE_SYMBOL_LIMIT = 200
# Beyond this many source files in one watcher event (a branch switch, a
# formatter run), one background re-index beats re-resolving per file.
BULK_CHANGES = 50


class _AnsweredRequest(JsonRpcInvalidParams):
    """Malformed params of a request, already answered with an error response."""


class SmallcodeProtocol(LanguageServerProtocol):
    @lsp_method(lsp.INITIALIZE)
    def lsp_initialize(self, params: lsp.InitializeParams) -> Any:
        # The graph stores UTF-16 columns; pygls would otherwise pick the
        # client's first preference (say utf-8) and every column would be wrong.
        general = params.capabilities.general
        if general is not None:
            general.position_encodings = [lsp.PositionEncodingKind.Utf16]
        return (yield from super().lsp_initialize(params))

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as exc:
            if "id" not in data or "method" not in data:
                raise
            # pygls only logs a request it cannot parse: the client would wait
            # for its answer forever.
            message = f"invalid params for {data['method']}: {_why(exc)}"
            self._send_response(data["id"], error=lsp.ResponseError(code=JsonRpcInvalidParams.CODE, message=message))
            raise _AnsweredRequest(message) from exc


def _why(exc: Exception) -> str:
    cause = exc.__cause__
    if isinstance(cause, ClassValidationError):
        # "invalid value for type, expected str @ $.params.text_document.uri"
        return "; ".join(transform_error(cause))
    return str(cause or exc)


class SmallcodeServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "smallcode-ls",
            __version__,
            protocol_cls=SmallcodeProtocol,
            text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental,
        )
        self.config = ConfigManager()
        self.roots: list[str] = []
        self.graph = CodeGraph()
        self.documents = Documents(self.graph, IndexOptions())
        self.pending_errors: list[str] = []
        self.stopping = threading.Event()
        self._tasks: set[asyncio.Task[Any]] = set()
        # asyncio locks bind to the running loop on first use, not here.
        self._index_lock = asyncio.Lock()
        self._disk_lock = asyncio.Lock()
        # Called with (path, closed) after a buffer opened, changed or closed (our diagnostics).
        self.document_listeners: list[Callable[[str, bool], None]] = []

    def document_event(self, path: str, closed: bool = False) -> None:
        for listener in self.document_listeners:
            listener(path, closed)

    def report_server_error(self, error: Exception, source: Any) -> None:
        if isinstance(error, _AnsweredRequest):
            return  # the client has its error response; a popup would repeat it
        super().report_server_error(error, source)

    # -- settings ------------------------------------------------------------

    def settings(self) -> Settings:
        # One graph for all roots, so one set of index settings: the first root's.
        return self.config.for_root(self.roots[0] if self.roots else None)

    def index_options(self, path: str | None = None) -> IndexOptions:
        return IndexOptions.from_settings((self.config.for_root(path) if path else self.settings()).index)

    def show_config_errors(self, errors: list[str]) -> None:
        if not errors:
            return
        message = "\n".join(errors)
        log.error("%s (keeping the last good settings)", message)
        self.window_show_message(lsp.ShowMessageParams(type=lsp.MessageType.Error, message=message))

    def settings_changed(self, before: Settings) -> None:
        after = self.settings()
        _apply_log_level(after.log_level)
        if after.index != before.index:
            self.documents.options = self.index_options()
            self.spawn(self.reindex())

    # -- background work -----------------------------------------------------

    def spawn(self, work: Awaitable[Any]) -> None:
        task = asyncio.ensure_future(work)
        # The loop keeps only weak references to tasks.
        self._tasks.add(task)
        task.add_done_callback(self._task_done)

    def _task_done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("background task failed", exc_info=task.exception())

    async def reindex(self) -> None:
        """Index every root in a thread, with a progress bar; one run at a time."""
        async with self._index_lock:
            progress = await _Progress.start(self, "smallcode: indexing")
            options = self.index_options()
            try:
                stats = await asyncio.to_thread(
                    index_workspace,
                    self.graph,
                    options,
                    progress=progress.report,
                    should_stop=lambda: self.stopping.is_set() or progress.cancelled(),
                    documents=self.documents,
                )
            except Exception:
                progress.end("indexing failed: see the server log")
                raise
            progress.end(self.log_index_summary(stats))
            await asyncio.to_thread(self.graph.prepare_for_edits)

    def log_index_summary(self, stats: IndexStats) -> str:
        summary = (
            f"indexed {stats.files} files ({stats.parsed} parsed, {stats.from_cache} from cache) "
            f"in {stats.seconds:.1f}s"
        )
        log.info(summary)
        for reason, count in sorted(stats.skipped.items()):
            log.info("skipped %d file(s): %s", count, reason)
        self.window_log_message(lsp.LogMessageParams(type=lsp.MessageType.Info, message=summary))
        return summary

    # -- files on disk -------------------------------------------------------

    def wanted(self, path: str, options: IndexOptions) -> bool:
        """Would a full index pick this file up (root, language, exclude, .gitignore)?"""
        root = next((r for r in self.roots if path.startswith(r.rstrip(os.sep) + os.sep)), None)
        if root is None or language_for(path, options.languages) is None:
            return False
        return not ignored(path, root, options)

    async def refresh_from_disk(self, path: str, deleted: bool) -> None:
        # Serialised, so an older read of a file never lands after a newer one.
        async with self._disk_lock:
            if self.documents.is_open(path):
                return  # the editor's buffer wins
            if deleted:
                self.forget(path)
                return
            options = self.index_options(path)
            if not self.wanted(path, options):
                return
            fi, reason = await asyncio.to_thread(index_file, path, options)
            if self.documents.is_open(path):
                return  # opened while we were reading the disk
            if fi is not None:
                self.graph.upsert(fi)
            else:
                log.info("not indexing %s: %s", path, reason)
                self.graph.remove(path)

    def forget(self, path: str) -> None:
        """Drop a deleted file, or every file under a deleted directory."""
        with self.graph.lock:
            prefix = path.rstrip(os.sep) + os.sep
            gone = [p for p in self.graph.files if p == path or p.startswith(prefix)]
        for p in gone:
            if not self.documents.is_open(p):
                self.graph.remove(p)

    def reload_config(self, roots: Iterable[str]) -> None:
        before = self.settings()
        errors = [e for root in roots for e in self.config.reload_files(root)]
        self.show_config_errors(errors)
        self.settings_changed(before)

    # -- registration --------------------------------------------------------

    async def register_watchers(self) -> None:
        registrations = []
        if _client_can(self, "workspace.did_change_watched_files.dynamic_registration"):
            registrations.append(
                lsp.Registration(
                    id=str(uuid.uuid4()),
                    method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                    register_options=lsp.DidChangeWatchedFilesRegistrationOptions(watchers=file_watchers()),
                )
            )
        if _client_can(self, "workspace.did_change_configuration.dynamic_registration"):
            # Pull-model clients (VS Code) only notify registered servers.
            registrations.append(
                lsp.Registration(
                    id=str(uuid.uuid4()),
                    method=lsp.WORKSPACE_DID_CHANGE_CONFIGURATION,
                    register_options=lsp.DidChangeConfigurationRegistrationOptions(section=CLIENT_SECTION),
                )
            )
        if registrations:
            await self.client_register_capability_async(lsp.RegistrationParams(registrations=registrations))


def file_watchers() -> list[lsp.FileSystemWatcher]:
    extensions = sorted({ext.lstrip(".") for spec in LANGUAGES.values() for ext in spec.extensions})
    patterns = ["**/*.{" + ",".join(extensions) + "}", *(f"**/{name}" for name in CONFIG_FILE_NAMES)]
    return [lsp.FileSystemWatcher(glob_pattern=p) for p in patterns]


def _client_can(ls: LanguageServer, dotted: str) -> bool:
    node: Any = ls.client_capabilities
    for part in dotted.split("."):
        node = getattr(node, part, None)
        if node is None:
            return False
    return bool(node)


def _apply_log_level(level: str) -> None:
    logging.getLogger().setLevel(level.upper())


class _Progress:
    """A work-done progress bar fed from the indexing thread.

    Reports hop to the event loop: the stdio writer is not safe to share
    between threads. With no client support every call is a no-op.
    """

    def __init__(self, ls: SmallcodeServer, token: str | None) -> None:
        self.ls = ls
        self.token = token
        self.loop = asyncio.get_running_loop()
        self.last = -1

    @classmethod
    async def start(cls, ls: SmallcodeServer, title: str) -> _Progress:
        token: str | None = None
        if _client_can(ls, "window.work_done_progress"):
            token = f"smallcode/{uuid.uuid4()}"
            try:
                await ls.work_done_progress.create_async(token)
            except Exception as exc:  # the bar is a nicety; indexing goes on without it
                log.warning("client refused a progress bar: %s", exc)
                token = None
        if token is not None:
            ls.work_done_progress.begin(
                token, lsp.WorkDoneProgressBegin(title=title, percentage=0, message="scanning", cancellable=True)
            )
        return cls(ls, token)

    def report(self, done: int, total: int, message: str) -> None:
        percent = done * 100 // total if total else 100
        if self.token is None or percent == self.last:
            return
        self.last = percent
        value = lsp.WorkDoneProgressReport(percentage=percent, message=f"{done}/{total} {message}")
        self.loop.call_soon_threadsafe(self.ls.work_done_progress.report, self.token, value)

    def cancelled(self) -> bool:
        future = self.ls.work_done_progress.tokens.get(self.token) if self.token else None
        return future is not None and future.cancelled()

    def end(self, message: str) -> None:
        if self.token is not None:
            self.ls.work_done_progress.end(self.token, lsp.WorkDoneProgressEnd(message=message))


SERVER = SmallcodeServer()


# -- lifecycle -------------------------------------------------------------------


@SERVER.feature(lsp.INITIALIZE)
def initialize(ls: SmallcodeServer, params: lsp.InitializeParams) -> None:
    ls.roots = _roots(params)
    errors = [e for root in ls.roots for e in ls.config.add_root(root)]
    errors += ls.config.set_client_options(params.initialization_options)
    # Shown once the client is ready for messages, in `initialized`.
    ls.pending_errors = errors
    _apply_log_level(ls.settings().log_level)
    ls.graph = CodeGraph(ls.roots)
    ls.documents = Documents(ls.graph, ls.index_options())
    log.info("smallcode-ls %s, roots: %s", __version__, ", ".join(ls.roots) or "(none)")


def _roots(params: lsp.InitializeParams) -> list[str]:
    uris = [f.uri for f in params.workspace_folders or ()]
    if not uris and params.root_uri:
        uris = [params.root_uri]
    paths = [convert.uri_to_path(u) for u in uris]
    if not uris and params.root_path:
        paths = [os.path.abspath(params.root_path)]
    return list(dict.fromkeys(p for p in paths if p))


@SERVER.feature(lsp.INITIALIZED)
async def initialized(ls: SmallcodeServer, params: lsp.InitializedParams) -> None:
    ls.show_config_errors(ls.pending_errors)
    ls.pending_errors = []
    ls.spawn(ls.reindex())
    try:
        await ls.register_watchers()
    except Exception as exc:  # without watchers we still serve, only staler
        log.warning("could not register file watchers: %s", exc)


@SERVER.feature(lsp.SHUTDOWN)
def shutdown(ls: SmallcodeServer, params: None) -> None:
    ls.stopping.set()


# -- text sync -------------------------------------------------------------------


@SERVER.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: SmallcodeServer, params: lsp.DidOpenTextDocumentParams) -> None:
    doc = params.text_document
    if path := convert.uri_to_path(doc.uri):
        ls.documents.open(path, doc.text, doc.version)
        ls.document_event(path)


@SERVER.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: SmallcodeServer, params: lsp.DidChangeTextDocumentParams) -> None:
    doc = params.text_document
    if path := convert.uri_to_path(doc.uri):
        ls.documents.change(path, doc.version, [convert.text_change(c) for c in params.content_changes])
        ls.document_event(path)


@SERVER.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: SmallcodeServer, params: lsp.DidSaveTextDocumentParams) -> None:
    if path := convert.uri_to_path(params.text_document.uri):
        ls.documents.save(path, params.text)


@SERVER.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: SmallcodeServer, params: lsp.DidCloseTextDocumentParams) -> None:
    if path := convert.uri_to_path(params.text_document.uri):
        ls.documents.close(path)
        ls.document_event(path, closed=True)


# -- workspace -------------------------------------------------------------------


@SERVER.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
async def did_change_watched_files(ls: SmallcodeServer, params: lsp.DidChangeWatchedFilesParams) -> None:
    config_roots: set[str] = set()
    sources: list[tuple[str, bool]] = []
    for change in params.changes:
        path = convert.uri_to_path(change.uri)
        if path is None:
            continue
        if os.path.basename(path) in CONFIG_FILE_NAMES:
            if os.path.dirname(path) in ls.roots:
                config_roots.add(os.path.dirname(path))
        else:
            sources.append((path, change.type == lsp.FileChangeType.Deleted))
    if config_roots:
        ls.reload_config(config_roots)
    if len(sources) > BULK_CHANGES:
        ls.spawn(ls.reindex())
        return
    for path, deleted in sources:
        await ls.refresh_from_disk(path, deleted)


@SERVER.feature(lsp.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def did_change_configuration(ls: SmallcodeServer, params: lsp.DidChangeConfigurationParams) -> None:
    data = params.settings
    if data is None and _client_can(ls, "workspace.configuration"):
        pulled = await ls.workspace_configuration_async(
            lsp.ConfigurationParams(items=[lsp.ConfigurationItem(section=CLIENT_SECTION)])
        )
        data = pulled[0] if pulled else None
    before = ls.settings()
    ls.show_config_errors(ls.config.apply_change(data))
    ls.settings_changed(before)


@SERVER.feature(lsp.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
def did_change_workspace_folders(ls: SmallcodeServer, params: lsp.DidChangeWorkspaceFoldersParams) -> None:
    removed = {convert.uri_to_path(f.uri) for f in params.event.removed}
    added = [p for p in (convert.uri_to_path(f.uri) for f in params.event.added) if p]
    before = ls.settings()
    for root in removed:
        if root:
            ls.config.remove_root(root)
    errors = [e for root in added for e in ls.config.add_root(root)]
    ls.roots = [r for r in dict.fromkeys([*ls.roots, *added]) if r not in removed]
    with ls.graph.lock:
        # Module names hang off the roots; the re-index below recomputes them.
        ls.graph.roots = CodeGraph(ls.roots).roots
    ls.show_config_errors(errors)
    _apply_log_level(ls.settings().log_level)
    ls.documents.options = ls.index_options()
    if ls.settings().index != before.index or added or removed:
        ls.spawn(ls.reindex())


# -- features --------------------------------------------------------------------


@SERVER.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def document_symbol(ls: SmallcodeServer, params: lsp.DocumentSymbolParams) -> list[lsp.DocumentSymbol] | None:
    path = convert.uri_to_path(params.text_document.uri)
    return convert.document_symbols(ls.graph.file_symbols(path) if path else []) or None


@SERVER.feature(lsp.WORKSPACE_SYMBOL)
async def workspace_symbol(
    ls: SmallcodeServer, params: lsp.WorkspaceSymbolParams
) -> list[lsp.SymbolInformation] | None:
    # A scan over every symbol name: off the loop for big workspaces.
    found = await asyncio.to_thread(ls.graph.search, params.query, WORKSPACE_SYMBOL_LIMIT)
    return [convert.symbol_information(s) for s in found] or None


@SERVER.feature(lsp.TEXT_DOCUMENT_PREPARE_CALL_HIERARCHY)
def prepare_call_hierarchy(
    ls: SmallcodeServer, params: lsp.CallHierarchyPrepareParams
) -> list[lsp.CallHierarchyItem] | None:
    path = convert.uri_to_path(params.text_document.uri)
    symbols = symbols_at(ls.graph, path, convert.point(params.position)) if path else []
    return [convert.call_hierarchy_item(s) for s in symbols] or None


@SERVER.feature(lsp.CALL_HIERARCHY_INCOMING_CALLS)
def incoming_calls(
    ls: SmallcodeServer, params: lsp.CallHierarchyIncomingCallsParams
) -> list[lsp.CallHierarchyIncomingCall] | None:
    sites = ls.graph.callers(_item_id(params.item))
    return [
        lsp.CallHierarchyIncomingCall(from_=_site_item(ls.graph, s), from_ranges=convert.site_ranges(s)) for s in sites
    ] or None


@SERVER.feature(lsp.CALL_HIERARCHY_OUTGOING_CALLS)
def outgoing_calls(
    ls: SmallcodeServer, params: lsp.CallHierarchyOutgoingCallsParams
) -> list[lsp.CallHierarchyOutgoingCall] | None:
    sites = ls.graph.callees(_item_id(params.item))
    return [
        lsp.CallHierarchyOutgoingCall(to=_site_item(ls.graph, s), from_ranges=convert.site_ranges(s)) for s in sites
    ] or None


def symbols_at(graph: CodeGraph, path: str, pos: tuple[int, int]) -> list[Symbol]:
    """What "the symbol here" means for a call hierarchy: the callee when the
    cursor is on a call's name (best resolved first), else the enclosing definition."""
    with graph.lock:
        fi = graph.files.get(path)
        for ref in fi.refs if fi is not None else ():
            if ref.kind == "call" and ref.start <= pos <= ref.end and ref.targets:
                ranked = sorted(ref.targets, key=lambda t: -t[1])
                # Candidates of an ambiguous call: let the user pick among them.
                found = [graph.get(t) for t, w in ranked if w == RESOLVED] or [graph.get(t) for t, _ in ranked]
                return [s for s in found if s is not None]
        sym = graph.symbol_at(path, *pos)
        return [sym] if sym is not None else []


def _item_id(item: lsp.CallHierarchyItem) -> str:
    if not isinstance(item.data, str):
        raise ValueError(f"call hierarchy item {item.name!r} carries no smallcode symbol id (data={item.data!r})")
    return item.data


def _site_item(graph: CodeGraph, site: CallSite) -> lsp.CallHierarchyItem:
    fi = graph.files.get(site.path)
    return convert.site_item(site, fi.lines if fi is not None else 0)
