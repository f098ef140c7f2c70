"""Conversions between the engine's records and LSP types.

The graph already stores 0-based lines and UTF-16 columns, so positions pass
through unchanged; everything here is shape, never arithmetic.
"""

from __future__ import annotations

import os

from lsprotocol import types as lsp
from pygls.uris import from_fs_path, to_fs_path

from ..graph.documents import TextChange
from ..graph.model import CallSite, Symbol

Point = tuple[int, int]

SYMBOL_KINDS: dict[str, lsp.SymbolKind] = {
    "class": lsp.SymbolKind.Class,
    "function": lsp.SymbolKind.Function,
    "method": lsp.SymbolKind.Method,
    "interface": lsp.SymbolKind.Interface,
    # Go structs, TypeScript aliases and enums: Struct reads best for the common Go case.
    "type": lsp.SymbolKind.Struct,
}


def symbol_kind(kind: str) -> lsp.SymbolKind:
    return SYMBOL_KINDS.get(kind, lsp.SymbolKind.Variable)


# -- uris ----------------------------------------------------------------------


def uri_to_path(uri: str) -> str | None:
    """The absolute file path of a `file:` URI; None for `untitled:` and friends,
    which the graph never holds."""
    if not uri.startswith("file:"):
        return None
    path = to_fs_path(uri)
    # The graph keys files by abspath; a client may send `..` segments.
    return os.path.abspath(path) if path else None


def path_to_uri(path: str) -> str:
    uri = from_fs_path(path)
    if uri is None:
        raise ValueError(f"cannot make a URI of {path!r}")
    return uri


# -- positions -----------------------------------------------------------------


def position(point: Point) -> lsp.Position:
    return lsp.Position(line=point[0], character=point[1])


def span(start: Point, end: Point) -> lsp.Range:
    return lsp.Range(start=position(start), end=position(end))


def point(pos: lsp.Position) -> Point:
    return (pos.line, pos.character)


def text_change(change: lsp.TextDocumentContentChangeEvent) -> TextChange:
    if isinstance(change, lsp.TextDocumentContentChangePartial):
        return TextChange(point(change.range.start), point(change.range.end), change.text)
    return TextChange(None, None, change.text)


# -- symbols -------------------------------------------------------------------


def _detail(sym: Symbol) -> str | None:
    # Editors show detail on one line next to the name.
    first = sym.signature.strip().splitlines()[0] if sym.signature.strip() else ""
    return first or None


def document_symbols(symbols: list[Symbol]) -> list[lsp.DocumentSymbol]:
    """Nest symbols (document order, parents first) under their parent qualname."""
    roots: list[lsp.DocumentSymbol] = []
    by_qual: dict[str, lsp.DocumentSymbol] = {}
    for sym in symbols:
        node = lsp.DocumentSymbol(
            name=sym.name,
            kind=symbol_kind(sym.kind),
            range=span(sym.start, sym.end),
            selection_range=span(sym.name_start, sym.name_end),
            detail=_detail(sym),
            children=[],
        )
        parent = by_qual.get(sym.parent) if sym.parent else None
        if parent is not None:
            parent.children.append(node)  # type: ignore[union-attr]
        else:
            roots.append(node)
        by_qual[sym.qualname] = node
    return roots


def symbol_information(sym: Symbol) -> lsp.SymbolInformation:
    return lsp.SymbolInformation(
        name=sym.name,
        kind=symbol_kind(sym.kind),
        location=lsp.Location(uri=path_to_uri(sym.path), range=span(sym.start, sym.end)),
        container_name=sym.parent or None,
    )


def call_hierarchy_item(sym: Symbol) -> lsp.CallHierarchyItem:
    return lsp.CallHierarchyItem(
        name=sym.name,
        kind=symbol_kind(sym.kind),
        uri=path_to_uri(sym.path),
        range=span(sym.start, sym.end),
        selection_range=span(sym.name_start, sym.name_end),
        detail=sym.parent or None,
        # The graph id brings the client's follow-up request straight back to the node.
        data=sym.id,
    )


def file_item(path: str, lines: int) -> lsp.CallHierarchyItem:
    """Module-level code as a pseudo-symbol: the graph's file node (id = path)."""
    whole = span((0, 0), (max(lines, 0), 0))
    return lsp.CallHierarchyItem(
        name=os.path.basename(path),
        kind=lsp.SymbolKind.File,
        uri=path_to_uri(path),
        range=whole,
        selection_range=span((0, 0), (0, 0)),
        detail=os.path.dirname(path),
        data=path,
    )


def site_item(site: CallSite, lines: int = 0) -> lsp.CallHierarchyItem:
    return call_hierarchy_item(site.symbol) if site.symbol is not None else file_item(site.path, lines)


def site_ranges(site: CallSite) -> list[lsp.Range]:
    return [span(start, end) for start, end in site.ranges]
