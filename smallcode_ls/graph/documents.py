"""Open editor documents: their text, their syntax tree, and graph updates per edit.

An edit re-parses with tree-sitter's incremental parser, then re-extracts only
the smallest definition that holds both the edit and every range whose syntax
changed. Everything before that definition is kept as is, everything after it
is shifted, and the graph is told which references are new. A property test
checks the result is identical to extracting the whole new text.
"""

from __future__ import annotations

import bisect
import itertools
import logging
import threading
from dataclasses import dataclass

import tree_sitter as ts

from .extract import (
    Found,
    Positions,
    digest,
    extract_file,
    extract_nodes,
    is_definition,
    outer_node,
    outer_scopes,
    parse,
    python_doc,
    symbol_order,
)
from .indexer import IndexOptions, index_file, skip_reason
from .languages import LanguageSpec, language_for
from .model import FileIndex, Hint, Import, Ref, Symbol
from .store import CodeGraph

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TextChange:
    """An LSP content change: 0-based (line, UTF-16 column); start None = whole text."""

    start: tuple[int, int] | None
    end: tuple[int, int] | None
    text: str


class DocumentError(ValueError):
    pass


@dataclass
class _Doc:
    path: str
    version: int
    src: bytes
    spec: LanguageSpec | None
    tree: ts.Tree | None
    index: FileIndex | None
    line_starts: list[int]


def _line_starts(src: bytes) -> list[int]:
    return [0, *itertools.accumulate(len(line) + 1 for line in src.split(b"\n")[:-1])]


def _shift_line_starts(starts: list[int], line: int, offset: int, removed: bytes, added: bytes) -> list[int]:
    """Line starts after replacing `removed` at `offset` (on `line`) with `added`."""
    gone = removed.count(b"\n")
    delta = len(added) - len(removed)
    head = starts[: line + 1]
    new_lines = []
    i = added.find(b"\n")
    while i != -1:
        new_lines.append(offset + i + 1)
        i = added.find(b"\n", i + 1)
    tail = [x + delta for x in starts[line + 1 + gone :]] if delta else starts[line + 1 + gone :]
    return head + new_lines + tail


def _utf16_to_byte(line: bytes, col: int) -> int:
    if line.isascii():
        return min(col, len(line))
    units = 0
    for i, ch in enumerate(line.decode("utf-8", "replace")):
        if units >= col:
            return len(line.decode("utf-8", "replace")[:i].encode("utf-8"))
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(line)


class Documents:
    def __init__(self, graph: CodeGraph, options: IndexOptions | None = None) -> None:
        self.graph = graph
        self.options = options or IndexOptions()
        self._docs: dict[str, _Doc] = {}
        self._lock = threading.RLock()

    # -- lifecycle -------------------------------------------------------------

    def open(self, path: str, text: str, version: int = 0) -> None:
        with self._lock:
            src = text.encode("utf-8", "surrogatepass")
            spec = language_for(path, self.options.languages)
            doc = _Doc(path, version, src, spec, None, None, _line_starts(src))
            self._docs[path] = doc
            self._reindex_whole(doc)

    def text(self, path: str) -> str | None:
        doc = self._docs.get(path)
        return doc.src.decode("utf-8", "replace") if doc is not None else None

    def version(self, path: str) -> int | None:
        doc = self._docs.get(path)
        return doc.version if doc is not None else None

    def is_open(self, path: str) -> bool:
        return path in self._docs

    def open_texts(self) -> dict[str, str]:
        """Every open buffer's text: what a sandbox copy must contain to match the editor."""
        with self._lock:
            return {path: doc.src.decode("utf-8", "replace") for path, doc in self._docs.items()}

    @property
    def lock(self) -> threading.RLock:
        """Held while a document changes; hold it to see the buffers and the graph agree."""
        return self._lock

    def indexes(self) -> dict[str, FileIndex]:
        """The open buffers' indexes: a full index must take these over the disk."""
        with self._lock:
            return {path: doc.index for path, doc in self._docs.items() if doc.index is not None}

    def close(self, path: str) -> None:
        """The editor no longer owns the text: the file on disk is the truth again."""
        with self._lock:
            if self._docs.pop(path, None) is None:
                return
            if not self.graph.in_roots(path):
                # Opened from outside the workspace: it leaves with its editor.
                self.graph.remove(path)
                return
            fi, reason = index_file(path, self.options)
            if fi is not None:
                self.graph.upsert(fi)
            elif reason is not None:
                self.graph.remove(path)

    def save(self, path: str, text: str | None = None) -> None:
        with self._lock:
            doc = self._docs.get(path)
            if doc is not None and text is not None and text.encode("utf-8", "surrogatepass") != doc.src:
                self.open(path, text, doc.version)

    def change(self, path: str, version: int, changes: list[TextChange]) -> None:
        with self._lock:
            doc = self._docs.get(path)
            if doc is None:
                raise DocumentError(f"change for a document that is not open: {path}")
            for change in changes:
                if change.start is None or change.end is None:
                    doc.src = change.text.encode("utf-8", "surrogatepass")
                    doc.line_starts = _line_starts(doc.src)
                    doc.tree = None
                    self._reindex_whole(doc)
                else:
                    self._apply(doc, change)
            doc.version = version

    # -- updates -------------------------------------------------------------

    def _reindex_whole(self, doc: _Doc) -> None:
        doc.tree = None
        doc.index = None
        if doc.spec is None:
            return
        reason = skip_reason(doc.src, self.options)
        if reason is not None:
            log.info("not indexing %s: %s", doc.path, reason)
            self.graph.remove(doc.path)
            return
        doc.tree = parse(doc.spec, doc.src)
        doc.index = extract_file(doc.path, doc.spec, doc.src, doc.tree)
        self.graph.upsert(doc.index)

    def _byte(self, doc: _Doc, point: tuple[int, int]) -> int:
        line, col = point
        if line >= len(doc.line_starts):
            return len(doc.src)
        start = doc.line_starts[line]
        end = doc.line_starts[line + 1] - 1 if line + 1 < len(doc.line_starts) else len(doc.src)
        return start + _utf16_to_byte(doc.src[start:end], col)

    def _apply(self, doc: _Doc, change: TextChange) -> None:
        assert change.start is not None and change.end is not None
        start = self._byte(doc, change.start)
        old_end = max(start, self._byte(doc, change.end))
        new_bytes = change.text.encode("utf-8", "surrogatepass")
        old_src = doc.src
        new_src = old_src[:start] + new_bytes + old_src[old_end:]
        new_end = start + len(new_bytes)
        old_starts = doc.line_starts
        doc.src = new_src
        doc.line_starts = new_starts = _shift_line_starts(
            old_starts, change.start[0], start, old_src[start:old_end], new_bytes
        )
        if doc.spec is None or doc.tree is None or doc.index is None:
            self._reindex_whole(doc)
            return
        if (
            len(new_src) > self.options.max_file_bytes
            or _longest_line(new_src, new_starts, start, new_end) > self.options.max_line_length
        ):
            self._reindex_whole(doc)
            return
        start_pt = _byte_point(old_starts, start)
        old_end_pt = _byte_point(old_starts, old_end)
        new_end_pt = _byte_point(new_starts, new_end)
        old_tree = doc.tree
        old_tree.edit(start, old_end, new_end, start_pt, old_end_pt, new_end_pt)
        new_tree = parse(doc.spec, new_src, old_tree)
        doc.tree = new_tree
        # A deletion leaves no new text: take the bytes on both sides of it, which
        # may belong to a token that lost its end (`int` -> `in`).
        lo, hi = (start, new_end) if new_end > start else (max(0, start - 1), start + 1)
        for rng in old_tree.changed_ranges(new_tree):
            lo = min(lo, rng.start_byte)
            hi = max(hi, rng.end_byte)
        region = _region(doc.spec, old_tree, new_tree, lo, hi)
        if region is None:
            doc.index = extract_file(doc.path, doc.spec, new_src, new_tree)
            self.graph.upsert(doc.index)
            return
        delta = len(new_bytes) - (old_end - start)
        r_start, r_end_new = region.start_byte, region.end_byte
        r_end_old = r_end_new - delta
        if not _ancestors_kept(doc.spec, doc.index, region, delta):
            doc.index = extract_file(doc.path, doc.spec, new_src, new_tree)
            self.graph.upsert(doc.index)
            return
        old_pos, new_pos = Positions(old_src), Positions(new_src)
        shift = _Shift(
            old_pos.point(_byte_point(old_starts, r_end_old)),
            new_pos.point(_byte_point(new_starts, r_end_new)),
            r_end_old,
            delta,
        )
        found = extract_nodes(doc.spec, new_src, region, outer_scopes(doc.spec, new_src, region), new_pos)
        owner = _doc_owner(doc.spec, region)
        # Shifting moves positions of symbols the graph shares: readers in other
        # threads must see all of them before or all after.
        with self.graph.lock:
            self._merge_region(doc, found, new_tree, new_src, r_start, r_end_old, shift)
            if owner is not None:
                start = outer_node(owner).start_byte
                for sym in doc.index.symbols if doc.index is not None else ():
                    if sym.start_byte == start:
                        sym.doc = python_doc(new_src, owner)
                        break

    def _merge_region(
        self, doc: _Doc, found: Found, new_tree: ts.Tree, new_src: bytes, r_start: int, r_end_old: int, shift: _Shift
    ) -> None:
        old = doc.index
        assert old is not None
        old_symbols = [s for s in old.symbols if r_start <= s.start_byte < r_end_old]
        old_refs = [r for r in old.refs if r_start <= r.byte < r_end_old]
        same_imports = _same_items(old.imports, found.imports, r_start, r_end_old)
        old_hints = [h for h in old.hints if r_start <= h.byte < r_end_old]
        merged = FileIndex(
            path=doc.path,
            lang=old.lang,
            digest=digest(new_src),
            lines=len(doc.line_starts) - (1 if new_src.endswith(b"\n") or not new_src else 0),
            symbols=_merge_symbols(old.symbols, found.symbols, r_start, r_end_old, shift),
            refs=_merge(old.refs, found.refs, r_start, r_end_old, shift),
            imports=_merge(old.imports, found.imports, r_start, r_end_old, shift),
            hints=_merge(old.hints, found.hints, r_start, r_end_old, shift),
            default_export=old.default_export,
            has_error=new_tree.root_node.has_error,
        )
        doc.index = merged
        self.graph.replace_region(
            merged, old_symbols, found.symbols, old_refs, found.refs, same_imports, old_hints, found.hints
        )


def _same_items(old: list, new: list, lo: int, hi: int) -> bool:
    before = [item.as_tuple()[:-1] for item in old if lo <= item.byte < hi]
    return before == [item.as_tuple()[:-1] for item in new]


def _byte_point(starts: list[int], offset: int) -> tuple[int, int]:
    row = bisect.bisect_right(starts, offset) - 1
    return (row, offset - starts[row])


def _longest_line(src: bytes, starts: list[int], lo: int, hi: int) -> int:
    """Length of the longest line touched by the bytes [lo, hi]."""
    first = bisect.bisect_right(starts, lo) - 1
    last = bisect.bisect_right(starts, hi) - 1
    longest = 0
    for row in range(first, last + 1):
        end = starts[row + 1] - 1 if row + 1 < len(starts) else len(src)
        longest = max(longest, end - starts[row])
    return longest


# Containers whose children are statements (or class members): a child is a
# self-contained unit of re-extraction.
_BODIES = frozenset({"module", "block", "program", "statement_block", "class_body", "source_file", "statement_list"})


def _region(spec: LanguageSpec, old_tree: ts.Tree, tree: ts.Tree, lo: int, hi: int) -> ts.Node | None:
    """The smallest statement or definition holding [lo, hi] that can be re-extracted
    alone, or None when only the whole file is safe.

    tree-sitter's changed ranges can miss neighbours that error recovery read
    differently, so a candidate is only taken when everything around it (its
    siblings and those of every ancestor) kept its type and its bounds.
    """
    node = tree.root_node.descendant_for_byte_range(lo, max(lo, hi - 1) if hi > lo else lo)
    while node is not None:
        candidate = None
        if is_definition(spec, node):
            outer = outer_node(node)
            if outer.start_byte <= lo and hi <= outer.end_byte:
                parent = outer.parent
                if parent is not None and parent.type == "export_statement":
                    return None  # may change the default export: take the full path
                candidate = outer
        elif _is_statement(node, spec.name == "python") and node.start_byte <= lo and hi <= node.end_byte:
            candidate = node
        if candidate is not None and _frame_kept(old_tree, tree, candidate):
            return candidate
        node = node.parent
    return None


def _shape(node: ts.Node) -> list[tuple[str, int, int]]:
    return [(c.type, c.start_byte, c.end_byte) for c in node.children]


def _frame_kept(old_tree: ts.Tree, tree: ts.Tree, region: ts.Node) -> bool:
    """Whether, from the root down to the region, every level has the same children
    (type and bounds, in the edited old tree's coordinates) in both trees."""
    path: list[ts.Node] = []
    node: ts.Node | None = region
    while node is not None:
        path.append(node)
        node = node.parent
    path.reverse()  # root ... region
    old = old_tree.root_node
    if (old.type, old.start_byte, old.end_byte) != (path[0].type, path[0].start_byte, path[0].end_byte):
        return False
    for depth in range(len(path) - 1):
        new_parent, new_child = path[depth], path[depth + 1]
        shape = _shape(new_parent)
        if _shape(old) != shape:
            return False
        index = next(i for i, c in enumerate(new_parent.children) if c == new_child)
        old = old.children[index]
    return True


def _doc_owner(spec: LanguageSpec, region: ts.Node) -> ts.Node | None:
    """The Python definition whose docstring `region` is (or may have become)."""
    body = region.parent
    if spec.name != "python" or body is None or body.parent is None or body.named_child(0) != region:
        return None
    return body.parent if is_definition(spec, body.parent) else None


def _is_statement(node: ts.Node, docstrings: bool) -> bool:
    """A statement whose text no symbol outside it depends on (docs, default export)."""
    parent = node.parent
    if not node.is_named or parent is None or parent.type not in _BODIES or node.type in ("export_statement", "ERROR"):
        return False
    if node.type == "comment":
        if docstrings:
            return True  # Python documents with docstrings, never with comments
        # Comments right before a definition may be its documentation.
        following = node.next_named_sibling
        return following is None or following.start_point[0] > node.end_point[0] + 1
    grand = parent.parent
    if not docstrings and parent.named_child(0) == node and grand is not None and grand.type != "module":
        return False  # the first statement of a body may be (or become) its docstring
    # A wrapper of a definition is handled as the definition's outer node.
    return node.type not in ("decorated_definition", "lexical_declaration", "type_declaration")


def _ancestors_kept(spec: LanguageSpec, old: FileIndex, region: ts.Node, delta: int) -> bool:
    """Whether every definition enclosing the region only moved its end by `delta`.

    tree-sitter's changed ranges do not always cover an ancestor that grew or
    shrank (a class swallowing the functions after it); then the cheap path
    would keep stale parents, so the caller takes the full one.
    """
    ends = {s.start_byte: s.end_byte for s in old.symbols if s.start_byte < region.start_byte}
    node = region.parent
    while node is not None:
        if is_definition(spec, node):
            outer = outer_node(node)
            if ends.get(outer.start_byte, -1) + delta != outer.end_byte:
                return False
        node = node.parent
    return True


class _Shift:
    """Moves a position that lies after the edited region by the edit's size."""

    __slots__ = ("delta", "new_end", "old_byte", "old_end")

    def __init__(self, old_end: tuple[int, int], new_end: tuple[int, int], old_byte: int, delta: int) -> None:
        self.old_end = old_end
        self.new_end = new_end
        self.old_byte = old_byte
        self.delta = delta

    def point(self, p: tuple[int, int]) -> tuple[int, int]:
        if p < self.old_end:
            return p
        if p[0] == self.old_end[0]:
            return (self.new_end[0], p[1] - self.old_end[1] + self.new_end[1])
        return (p[0] + self.new_end[0] - self.old_end[0], p[1])

    def byte(self, b: int) -> int:
        return b + self.delta if b >= self.old_byte else b


def _merge_symbols(old: list[Symbol], new: list[Symbol], lo: int, hi: int, shift: _Shift) -> list[Symbol]:
    kept: list[Symbol] = []
    for sym in old:
        if lo <= sym.start_byte < hi:
            continue
        if sym.end_byte >= hi:
            # The symbol ends after the region (it follows it or encloses it).
            sym.end = shift.point(sym.end)
            sym.end_byte = shift.byte(sym.end_byte)
            if sym.start_byte >= hi:
                sym.start = shift.point(sym.start)
                sym.start_byte = shift.byte(sym.start_byte)
                sym.name_start = shift.point(sym.name_start)
                sym.name_end = shift.point(sym.name_end)
        kept.append(sym)
    kept.extend(new)
    kept.sort(key=symbol_order)
    return kept


def _merge(old: list, new: list, lo: int, hi: int, shift: _Shift) -> list:
    """Refs, imports and hints: drop the region's old items, shift the later ones."""
    first = bisect.bisect_left(old, lo, key=_byte_of)
    past = bisect.bisect_left(old, hi, key=_byte_of)
    after = old[past:]
    delta = shift.delta
    if after and isinstance(after[0], Ref):
        end_row, _end_col = shift.old_end
        new_row, _new_col = shift.new_end
        rows = new_row - end_row
        for item in after:
            item.byte += delta
            row, col = item.start
            if row > end_row:
                item.start = (row + rows, col)
                row, col = item.end
                item.end = (row + rows, col)
            else:
                item.start = shift.point(item.start)
                item.end = shift.point(item.end)
    else:
        rows = shift.new_end[0] - shift.old_end[0]
        for item in after:
            item.byte += delta
            if isinstance(item, Import):
                item.line += rows
    return old[:first] + new + after


def _byte_of(item: Ref | Import | Hint) -> int:
    return item.byte
