"""Plain records the code graph is made of.

They are deliberately flat (slots, str/int fields) so that millions of them fit
in memory and round-trip through the on-disk cache as tuples.
Positions are 0-based lines and UTF-16 columns, the LSP default encoding, so
the server can hand them to any client without re-reading the file.
"""

from __future__ import annotations

import marshal
from dataclasses import dataclass

# Edge weights are integers so that incremental updates (subtract old, add new)
# give exactly the same totals as a full re-index.
RESOLVED = 5040
CANDIDATE_POOL = 2520  # shared by all candidates of an ambiguous reference
MAX_CANDIDATES = 8


@dataclass(slots=True)
class Symbol:
    name: str
    qualname: str
    kind: str  # class | function | method | interface | type
    start: tuple[int, int]
    end: tuple[int, int]
    name_start: tuple[int, int]
    name_end: tuple[int, int]
    start_byte: int
    end_byte: int
    signature: str
    doc: str
    parent: str  # qualname of the enclosing symbol, "" at module level
    path: str = ""
    id: str = ""

    def as_tuple(self) -> tuple:
        return (
            self.name,
            self.qualname,
            self.kind,
            self.start,
            self.end,
            self.name_start,
            self.name_end,
            self.start_byte,
            self.end_byte,
            self.signature,
            self.doc,
            self.parent,
        )


@dataclass(slots=True)
class Ref:
    """A use of a name: a call, a base class, a decorator."""

    name: str
    recv: str | None  # receiver text for `a.b.name()`, None for a bare name
    kind: str  # call | inherit
    start: tuple[int, int]
    end: tuple[int, int]
    byte: int
    scope: str  # qualname of the innermost enclosing symbol, "" at module level
    targets: tuple[tuple[str, int], ...] = ()

    def as_tuple(self) -> tuple:
        return (self.name, self.recv, self.kind, self.start, self.end, self.byte, self.scope, self.targets)


@dataclass(slots=True)
class Import:
    module: str  # as written; leading dots for relative imports
    name: str | None  # None for `import module`; "*" for a wildcard
    alias: str  # the local name it binds ("" for a wildcard)
    line: int
    byte: int

    def as_tuple(self) -> tuple:
        return (self.module, self.name, self.alias, self.line, self.byte)


@dataclass(slots=True)
class Hint:
    """`x = Foo(...)` or `self.x = Foo(...)`: lets `x.m()` resolve to Foo.m."""

    scope: str
    var: str
    type_expr: str
    byte: int

    def as_tuple(self) -> tuple:
        return (self.scope, self.var, self.type_expr, self.byte)


class FileIndex:
    """Everything extracted from one file.

    References are by far the most numerous records; loaded from the cache they
    stay plain tuples until something reads them, so a warm start does not pay
    for objects that no query may ever touch.
    """

    __slots__ = (
        "_raw_refs",
        "_refs",
        "default_export",
        "digest",
        "has_error",
        "hints",
        "imports",
        "lang",
        "lines",
        "path",
        "symbols",
    )

    def __init__(
        self,
        path: str,
        lang: str,
        digest: str,
        lines: int,
        symbols: list[Symbol] | None = None,
        refs: list[Ref] | None = None,
        imports: list[Import] | None = None,
        hints: list[Hint] | None = None,
        default_export: str = "",
        has_error: bool = False,
        raw_refs: list[tuple] | bytes | None = None,
    ) -> None:
        self.path = path
        self.lang = lang
        self.digest = digest
        self.lines = lines
        self.symbols = symbols if symbols is not None else []
        self._refs = refs if refs is not None or raw_refs is not None else []
        self._raw_refs = raw_refs if refs is None else None
        self.imports = imports if imports is not None else []
        self.hints = hints if hints is not None else []
        self.default_export = default_export
        self.has_error = has_error

    @property
    def refs(self) -> list[Ref]:
        if self._refs is None:
            self._refs = [Ref(*r) for r in self._raw_ref_tuples()]
            self._raw_refs = None
        return self._refs

    @refs.setter
    def refs(self, value: list[Ref]) -> None:
        self._refs = value
        self._raw_refs = None

    def _raw_ref_tuples(self) -> list[tuple]:
        raw = self._raw_refs
        if isinstance(raw, bytes):
            # The cache keeps each file's references as one marshalled blob.
            raw = marshal.loads(raw)
        return raw or []

    def inherit_refs(self) -> list[Ref]:
        """Base-class references, without materializing the others."""
        if self._refs is None:
            return [Ref(*r) for r in self._raw_ref_tuples() if r[2] == "inherit"]
        return [r for r in self._refs if r.kind == "inherit"]

    def __repr__(self) -> str:
        return f"FileIndex({self.path!r}, {self.lang}, {len(self.symbols)} symbols)"

    def as_tuple(self) -> tuple:
        return self._tuple(self._raw_ref_tuples() if self._refs is None else [r.as_tuple() for r in self._refs])

    def cache_tuple(self) -> tuple:
        """`as_tuple`, with the references as one marshalled blob that a warm start
        can leave unread until something needs them."""
        if self._refs is None and isinstance(self._raw_refs, bytes):
            return self._tuple(self._raw_refs)
        refs = self._raw_refs if self._refs is None else [r.as_tuple() for r in self._refs]
        return self._tuple(marshal.dumps(refs or []))

    def _tuple(self, refs: list[tuple] | bytes) -> tuple:
        return (
            self.lang,
            self.digest,
            self.lines,
            [s.as_tuple() for s in self.symbols],
            refs,
            [i.as_tuple() for i in self.imports],
            [h.as_tuple() for h in self.hints],
            self.default_export,
            self.has_error,
        )

    @classmethod
    def from_tuple(cls, path: str, data: tuple) -> FileIndex:
        lang, digest, lines, syms, refs, imps, hints, default_export, has_error = data
        return cls(
            path=path,
            lang=lang,
            digest=digest,
            lines=lines,
            symbols=[Symbol(*s) for s in syms],
            raw_refs=refs,
            imports=[Import(*i) for i in imps],
            hints=[Hint(*h) for h in hints],
            default_export=default_export,
            has_error=has_error,
        )


@dataclass(slots=True)
class CallSite:
    """One side of a call-hierarchy answer: the other symbol and where the calls are."""

    symbol: Symbol | None  # None when the caller is module-level code
    path: str  # the file of `symbol` (for module-level code, that file)
    ranges: list[tuple[tuple[int, int], tuple[int, int]]]  # the call expressions
    weight: float
    call_path: str = ""  # the file the ranges are in: the caller's
    resolved: bool = True  # False when every call here is only a candidate by name
    # A candidate by name, but the only function or method of that name the caller could mean:
    # `entry.is_stale()` on an untyped local when one class defines `is_stale`.
    only_candidate: bool = False
