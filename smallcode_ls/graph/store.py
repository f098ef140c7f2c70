"""The code graph: files, symbols and the edges between them, updated per file.

Nodes are files (id = path) and symbols (id = "path::Qual.name", "#n" added for
a repeated qualname). Edges carry a kind (contains, calls, inherits, imports,
tests) and an integer weight; every edge belongs to the file of its source, so
replacing a file replaces exactly its own out-edges.

When a file's definitions change, the files whose references mention one of the
changed names are re-resolved too; when base classes, star imports or the set
of files change, everything is re-resolved (rare, and still only the resolver,
never the parser). A property test checks that any sequence of updates gives the
same graph as indexing from scratch.
"""

from __future__ import annotations

import os
import re
import threading
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple

from .model import CANDIDATE_POOL, MAX_CANDIDATES, RESOLVED, CallSite, FileIndex, Hint, Import, Ref, Symbol
from .resolve import CLASS_KINDS, Resolver

Edges = dict[tuple[str, str], int]

_TEST_DIRS = frozenset({"test", "tests", "__tests__", "testing"})


def is_test_file(path: str) -> bool:
    name = os.path.basename(path)
    stem = name.split(".")[0]
    if stem.startswith("test_") or stem.endswith("_test") or stem == "test":
        return True
    if ".test." in name or ".spec." in name:
        return True
    return any(part in _TEST_DIRS for part in Path(path).parts[:-1])


class CodeGraph:
    def __init__(self, roots: Sequence[str | Path] = ()) -> None:
        self.lock = threading.RLock()
        self.roots = sorted({os.path.abspath(r) for r in roots}, key=len, reverse=True)
        self.files: dict[str, FileIndex] = {}
        self.symbols: dict[str, Symbol] = {}
        self.ids_by_qual: dict[str, dict[str, str]] = {}
        self.order: dict[str, list[str]] = {}  # path -> symbol ids in document order
        self.top: dict[str, dict[str, str]] = {}
        self.members: dict[str, dict[str, str]] = {}
        self.by_name: dict[str, set[str]] = defaultdict(set)
        # Fallback candidates for unresolved references, split once instead of per lookup.
        self.methods_by_name: dict[str, set[str]] = defaultdict(set)
        self.globals_by_name: dict[str, set[str]] = defaultdict(set)
        # The same pools without definitions in test files: what production code may call.
        self.prod_methods_by_name: dict[str, set[str]] = defaultdict(set)
        self.prod_globals_by_name: dict[str, set[str]] = defaultdict(set)
        self._test_files: dict[str, bool] = {}
        self._hints: dict[str, dict[str, list]] = {}
        self.modules: dict[str, set[str]] = defaultdict(set)
        self.file_modules: dict[str, list[str]] = {}
        self.bindings: dict[str, dict[str, Import]] = {}
        self.star_imports: dict[str, list[Import]] = {}
        self.bases: dict[str, tuple[str, ...]] = {}
        # name -> files whose references mention it; built lazily, because only
        # updates need it and a warm start should not wait for it.
        self._ref_names: dict[str, set[str]] = defaultdict(set)
        self._unnamed: set[str] = set()
        # name -> files with a reference decided by that name's candidate pool.
        self.pool_users: dict[str, set[str]] = defaultdict(set)
        self._file_pools: dict[str, set[str]] = {}
        # Every word of every import's module (and imported name) -> files: who may
        # start or stop resolving when a module appears or disappears.
        self.import_words: dict[str, set[str]] = defaultdict(set)
        self.go_dirs: dict[str, set[str]] = defaultdict(set)
        self.package_dirs: set[str] = set()
        self._go_mods: list[tuple[str, str]] | None = None
        self.out: dict[str, Edges] = {}
        self.inc: dict[str, Edges] = defaultdict(dict)
        self.file_srcs: dict[str, set[str]] = {}
        self.resolver = Resolver(self)

    # -- loading -------------------------------------------------------------

    def is_test_file(self, path: str) -> bool:
        """Test code by its path inside the workspace (a root may itself sit in `tests/`)."""
        found = self._test_files.get(path)
        if found is None:
            found = self._test_files[path] = is_test_file(os.path.relpath(path, self.root_of(path)))
        return found

    def in_roots(self, path: str) -> bool:
        return any(path == r or path.startswith(r.rstrip(os.sep) + os.sep) for r in self.roots)

    def root_of(self, path: str) -> str:
        for root in self.roots:
            if path == root or path.startswith(root.rstrip(os.sep) + os.sep):
                return root
        return os.path.dirname(path)

    def load(
        self,
        indexes: Iterable[FileIndex],
        edges: dict[str, dict[str, Edges]] | None = None,
        pools: dict[str, list[str]] | None = None,
        bases: dict[str, list[tuple[str, list[str]]]] | None = None,
    ) -> None:
        """Replace the whole graph (initial index, warm start).

        With `edges` (from the cache, for exactly these files, resolved together)
        the refs' stored targets are trusted and nothing is re-resolved.
        """
        with self.lock:
            items = list(indexes)
            old = list(self.files.values())
            for fi in old:
                self._unregister(fi.path)
            self.package_dirs = {
                os.path.dirname(fi.path) for fi in items if os.path.basename(fi.path) in ("__init__.py", "__init__.pyi")
            }
            for fi in items:
                self.files[fi.path] = fi
            for fi in items:
                self._register(fi)
            if edges is None:
                self._resolve_all()
                return
            for fi in items:
                cached_bases = (bases or {}).get(fi.path)
                if cached_bases is not None:
                    for cid, found in cached_bases:
                        self.bases[cid] = tuple(found)
                else:
                    for ref in fi.inherit_refs():
                        self._note_base(fi.path, ref)
                file_out = edges.get(fi.path, {})
                self.out.update(file_out)
                inc = self.inc
                for src, out in file_out.items():
                    for (dst, kind), w in out.items():
                        inc[dst][(src, kind)] = w
                self.file_srcs[fi.path] = set(file_out)
                self._note_pools(fi.path, set((pools or {}).get(fi.path, ())))

    def export_bases(self, path: str) -> list[tuple[str, list[str]]]:
        with self.lock:
            return [(cid, list(self.bases[cid])) for cid in self.order.get(path, ()) if cid in self.bases]

    def export_pools(self, path: str) -> list[str]:
        return sorted(self._file_pools.get(path, ()))

    def export_edges(self, path: str) -> dict[str, Edges]:
        """This file's out-edges, for the cache."""
        with self.lock:
            return {src: self.out[src] for src in self.file_srcs.get(path, ()) if src in self.out}

    def upsert(self, fi: FileIndex, fresh: set[int] | None = None) -> set[str]:
        """Add or replace one file; returns the paths whose references were resolved again.

        `fresh` lists `id()`s of refs that are new in `fi` while all other refs are
        the old, still-resolved objects (an incremental edit); then, if the file's
        definitions and imports did not change, only those refs are resolved.
        """
        with self.lock:
            path = fi.path
            old = self.files.get(path)
            if _is_package_marker(path):
                # A package marker renames every module below it.
                self.load([f for p, f in self.files.items() if p != path] + [fi])
                return set(self.files)
            if old is None:
                names = {s.name for s in fi.symbols}
                pools = self._pools(names)
                self._register(fi)
                affected = self._affected(path, names, (), self._class_ids(path), pools)
                affected |= self._importers(path)  # their imports may resolve now
                return self._resolve_files(affected)
            old_face = _interface(old, self)
            old_bases = {cid: self.bases.get(cid, ()) for cid in self.order.get(path, ())}
            old_classes = self._class_ids(path)
            old_ids = list(self.order.get(path, ()))
            # Only names whose definitions differ can change a candidate pool.
            before_defs = Counter((s.name, s.qualname, s.kind, s.parent) for s in old.symbols)
            after_defs = Counter((s.name, s.qualname, s.kind, s.parent) for s in fi.symbols)
            pools = self._pools({d[0] for d in (before_defs - after_defs) + (after_defs - before_defs)})
            # References kept across the update keep depending on the same pools.
            kept_pools = set(self._file_pools.get(path, ()))
            self._unregister(path)
            self._register(fi)
            self._note_pools(path, kept_pools)
            new_face = _interface(fi, self)
            if old_face.shared != new_face.shared:
                self._resolve_all()
                return set(self.files)
            changed_names = {n for n, _ in old_face.names ^ new_face.names}
            if not changed_names and old_face.local == new_face.local and fresh is not None:
                inherits = fi.inherit_refs()
                same_bases = [(r.scope, r.recv, r.name) for r in old.inherit_refs()] == [
                    (r.scope, r.recv, r.name) for r in inherits
                ]
                if same_bases and all(id(r) not in fresh for r in inherits):
                    for ref in inherits:
                        self._note_base(path, ref)
                    for ref in fi.refs:
                        if id(ref) in fresh:
                            self._resolve_ref(path, ref)
                    self._rebuild_edges(path)
                    return {path}
            gone = [sid for sid in old_ids if sid not in self.symbols or self.symbols[sid].name in changed_names]
            classes = old_classes | self._class_ids(path)
            affected = self._affected(path, changed_names, gone, classes, pools)
            return self._resolve_files(affected, old_bases, focus=(path, changed_names))

    # -- who is affected by a change -------------------------------------------

    def _class_ids(self, path: str) -> set[str]:
        return {sid for sid in self.order.get(path, ()) if self.symbols[sid].kind in CLASS_KINDS}

    def _pools(self, names: Iterable[str]) -> dict[str, tuple[frozenset[str], ...]]:
        """The by-name candidate pools the resolver falls back to, for these names."""
        return {
            n: (
                frozenset(self.methods_by_name.get(n, ())),
                frozenset(self.globals_by_name.get(n, ())),
                frozenset(self.prod_methods_by_name.get(n, ())),
                frozenset(self.prod_globals_by_name.get(n, ())),
                frozenset(i for i in self.by_name.get(n, ()) if self.symbols[i].kind in CLASS_KINDS),
            )
            for n in names
        }

    def _importers(self, path: str, names: set[str] | None = None) -> set[str]:
        """Files that may import `path`'s module, and, when they may re-export one
        of `names`, the files that may import them."""
        found = self._direct_importers(path)
        if names:
            for other in list(found):
                if self.star_imports.get(other) or names & set(self.bindings.get(other, {})):
                    found |= self._direct_importers(other)
        found.discard(path)
        return found

    def _direct_importers(self, path: str) -> set[str]:
        """By the words of the module's name: its last word in an import, or a
        package prefix imported by a file that then names the last word
        (`import pkg` ... `pkg.mod.f()`)."""
        fi = self.files.get(path)
        found: set[str] = set()
        for name in self.file_modules.get(path, ()):
            if fi is not None and fi.lang == "python":
                *prefix, last = name.split(".")
            else:
                prefix, last = [], next(iter(_module_keys([name])), "")
            found |= self.import_words.get(last, set())
            if prefix:
                naming_last = self.ref_names.get(last, set())
                for word in prefix:
                    found |= self.import_words.get(word, set()) & naming_last
        return found

    def _subclass_files(self, classes: Iterable[str]) -> set[str]:
        seen: set[str] = set()
        queue = list(classes)
        while queue:
            cid = queue.pop()
            for src, kind in self.inc.get(cid, {}):
                if kind == "inherits" and src not in seen:
                    seen.add(src)
                    queue.append(src)
        return {sid.split("::")[0] for sid in seen}

    def _affected(
        self,
        path: str,
        names: set[str],
        gone: Iterable[str],
        classes: Iterable[str],
        pools: dict[str, tuple[frozenset[str], ...]],
    ) -> set[str]:
        """Files whose references may resolve differently after `path` changed the
        definitions of `names`: every way the resolver can reach a definition of
        another file is listed here, and a property test holds us to it."""
        found = {path}
        mention: set[str] = set()
        for n in names:
            mention |= self.ref_names.get(n, set())
        if not mention and not gone:
            return found
        # Through imports (and one level of re-export), and Go's package scope.
        found |= self._importers(path, names) & mention
        found |= self.package_files(path) & mention
        # References that pointed at a definition that is gone or renamed.
        for sid in gone:
            for src, _kind in self.inc.get(sid, {}):
                found.add(src.split("::")[0])
        # Subclasses elsewhere, and the files that may use their instances.
        for sub in self._subclass_files(classes):
            found |= ({sub} | self._importers(sub)) & mention
        # By-name candidates, when a pool within reach of the cap changed: only
        # the files whose references fell back on that pool.
        after = self._pools(names)
        for n in names:
            for before_pool, after_pool in zip(pools.get(n, ()), after[n], strict=False):
                if before_pool != after_pool and min(len(before_pool), len(after_pool)) <= MAX_CANDIDATES:
                    found |= self.pool_users.get(n, set())
                    break
        return found

    def replace_region(
        self,
        fi: FileIndex,
        old_symbols: list[Symbol],
        new_symbols: list[Symbol],
        old_refs: list[Ref],
        new_refs: list[Ref],
        same_imports: bool,
        old_hints: Sequence[Hint] = (),
        new_hints: Sequence[Hint] = (),
    ) -> set[str]:
        """An edit inside one definition: the fast path behind every keystroke.

        When the edited region still defines the same symbols and the file's
        imports are unchanged, nothing outside this file can see the edit, so
        only the region's references are resolved and only the edges of the
        scopes they sit in are rebuilt. Hints (`x = Cls()`) are read by this
        file's resolution alone: when the region's hints changed, the file's
        references whose receiver goes through a changed variable are resolved
        again too. Otherwise it is a normal upsert.
        """
        with self.lock:
            path = fi.path
            old_fi = self.files.get(path)
            same_symbols = len(old_symbols) == len(new_symbols) and all(
                (a.name, a.qualname, a.kind, a.parent) == (b.name, b.qualname, b.kind, b.parent)
                for a, b in zip(old_symbols, new_symbols, strict=True)
            )
            inherits_same = [(r.scope, r.recv, r.name) for r in old_refs if r.kind == "inherit"] == [
                (r.scope, r.recv, r.name) for r in new_refs if r.kind == "inherit"
            ]
            if old_fi is None or not (same_symbols and same_imports and inherits_same):
                return self.upsert(fi, fresh={id(r) for r in new_refs})
            hint_vars = _changed_hint_vars(fi.hints, old_hints, new_hints)
            if hint_vars:
                self._hints.pop(path, None)
                fresh = {id(r) for r in new_refs}
                rehinted = [r for r in fi.refs if id(r) not in fresh and _reads_hint(r, hint_vars)]
            else:
                rehinted = []
            for old_sym, new_sym in zip(old_symbols, new_symbols, strict=True):
                new_sym.id = old_sym.id
                new_sym.path = path
                self.symbols[old_sym.id] = new_sym
            self.files[path] = fi
            ref_names = self.ref_names
            for ref in rehinted:
                self._resolve_ref(path, ref)
            for hint in new_hints:
                for part in hint.type_expr.split("."):
                    ref_names[part].add(path)
            for ref in new_refs:
                self._resolve_ref(path, ref)
                if ref.kind == "inherit":
                    self._note_base(path, ref)
                ref_names[ref.name].add(path)
                if ref.recv:
                    for part in ref.recv.split("."):
                        ref_names[part].add(path)
            quals = self.ids_by_qual.get(path, {})
            scopes = {r.scope for r in old_refs} | {r.scope for r in new_refs} | {r.scope for r in rehinted}
            inside = {s.qualname for s in new_symbols}
            for scope in scopes:
                src = quals.get(scope, path) if scope else path
                # A scope defined inside the region has no references elsewhere.
                refs = new_refs if scope in inside else None
                self._set_out(src, self._src_edges(path, src, scope, refs))
                self.file_srcs.setdefault(path, set()).add(src)
            return {path}

    def remove(self, path: str) -> None:
        with self.lock:
            fi = self.files.get(path)
            if fi is None:
                return
            if _is_package_marker(path):
                self.load([f for p, f in self.files.items() if p != path])
                return
            names = {s.name for s in fi.symbols}
            pools = self._pools(names)
            gone = list(self.order.get(path, ()))
            classes = self._class_ids(path)
            importers = self._importers(path)
            subclass_files = self._subclass_files(classes)
            self._unregister(path)
            affected = self._affected(path, names, gone, (), pools) | importers | subclass_files
            affected.discard(path)
            self._resolve_files(affected)

    # -- registration --------------------------------------------------------

    def _register(self, fi: FileIndex) -> None:
        path = fi.path
        self.files[path] = fi
        quals: dict[str, str] = {}
        top: dict[str, str] = {}
        order: list[str] = []
        seen: dict[str, int] = {}
        production = not self.is_test_file(path)
        for sym in fi.symbols:
            n = seen.get(sym.qualname, 0) + 1
            seen[sym.qualname] = n
            sid = f"{path}::{sym.qualname}" if n == 1 else f"{path}::{sym.qualname}#{n}"
            sym.id = sid
            sym.path = path
            self.symbols[sid] = sym
            self.by_name[sym.name].add(sid)
            if sym.kind == "method":
                self.methods_by_name[sym.name].add(sid)
                if production:
                    self.prod_methods_by_name[sym.name].add(sid)
            elif not sym.parent:
                self.globals_by_name[sym.name].add(sid)
                if production:
                    self.prod_globals_by_name[sym.name].add(sid)
            if sym.parent:
                parent_id = quals.get(sym.parent)
                if parent_id is not None and self.symbols[parent_id].kind in CLASS_KINDS:
                    self.members.setdefault(parent_id, {})[sym.name] = sid
            else:
                top[sym.name] = sid
            quals[sym.qualname] = sid
            order.append(sid)
        self.ids_by_qual[path] = quals
        self.top[path] = top
        self.order[path] = order
        names = self._module_names(fi)
        self.file_modules[path] = names
        for name in names:
            self.modules[name].add(path)
        bindings: dict[str, Import] = {}
        stars: list[Import] = []
        for imp in fi.imports:
            if imp.name == "*":
                stars.append(imp)
            elif imp.alias:
                bindings[imp.alias.split(".")[0] if imp.name is None and fi.lang == "python" else imp.alias] = imp
        self.bindings[path] = bindings
        self.star_imports[path] = stars
        for word in _import_words(fi):
            self.import_words[word].add(path)
        self._unnamed.add(path)
        if fi.lang == "go":
            self.go_dirs[os.path.dirname(path)].add(path)
            self._go_mods = None

    def _unregister(self, path: str) -> None:
        fi = self.files.pop(path, None)
        if fi is None:
            return
        for sid in self.order.pop(path, ()):
            sym = self.symbols.pop(sid, None)
            if sym is None:
                continue
            for table in (
                self.by_name,
                self.methods_by_name,
                self.globals_by_name,
                self.prod_methods_by_name,
                self.prod_globals_by_name,
            ):
                _discard(table, sym.name, sid)
            self.members.pop(sid, None)
            self.bases.pop(sid, None)
        self.ids_by_qual.pop(path, None)
        self.top.pop(path, None)
        self._hints.pop(path, None)
        for name in self.file_modules.pop(path, ()):
            _discard(self.modules, name, path)
        self.bindings.pop(path, None)
        self.star_imports.pop(path, None)
        for word in _import_words(fi):
            _discard(self.import_words, word, path)
        self._forget_pools(path)
        if path in self._unnamed:
            self._unnamed.discard(path)
        else:
            for name in _mentioned_names(fi):
                _discard(self._ref_names, name, path)
        if fi.lang == "go":
            self._go_mods = None
            _discard(self.go_dirs, os.path.dirname(path), path)
        for src in self.file_srcs.pop(path, ()):
            for (dst, kind), w in self.out.pop(src, {}).items():
                self._inc_sub(dst, src, kind, w)

    def _module_names(self, fi: FileIndex) -> list[str]:
        path = fi.path
        root = self.root_of(path)
        rel = os.path.relpath(path, root)
        stem, _ = os.path.splitext(rel)
        parts = stem.split(os.sep)
        if fi.lang == "python":
            if parts[-1] == "__init__":
                parts = parts[:-1]
            names = []
            # Package-rooted name: climb while the directory is a package.
            d = os.path.dirname(path)
            pkg_parts: list[str] = [] if os.path.basename(path).startswith("__init__.") else [parts[-1]]
            while d in self.package_dirs and d != os.path.dirname(d):
                pkg_parts.insert(0, os.path.basename(d))
                d = os.path.dirname(d)
            if pkg_parts:
                names.append(".".join(pkg_parts))
            full = ".".join(parts)
            if full and full not in names:
                names.append(full)
            return names
        if fi.lang == "go":
            rel_dir = os.path.dirname(rel)
            dparts = [p for p in rel_dir.split(os.sep) if p] or [os.path.basename(root)]
            return ["go:" + "/".join(dparts[k:]) for k in range(len(dparts))]
        base = os.path.splitext(path)[0]
        names = ["js:" + base]
        if os.path.basename(base) == "index":
            names.append("js:" + os.path.dirname(base))
        return names

    def prepare_for_edits(self) -> None:
        """Build the tables an edit reads, which a warm start leaves for later so
        that the graph answers queries sooner; the server calls this once the
        index is ready, so the first keystroke does not pay for it."""
        _ = self.ref_names

    @property
    def ref_names(self) -> dict[str, set[str]]:
        if self._unnamed:
            with self.lock:
                for path in self._unnamed:
                    fi = self.files.get(path)
                    if fi is not None:
                        for name in _mentioned_names(fi):
                            self._ref_names[name].add(path)
                self._unnamed.clear()
        return self._ref_names

    def hints_by_var(self, path: str) -> dict[str, list]:
        found = self._hints.get(path)
        if found is None:
            found = {}
            for hint in self.files[path].hints:
                found.setdefault(hint.var, []).append(hint)
            self._hints[path] = found
        return found

    def go_mod_paths(self) -> list[tuple[str, str]]:
        """(module path, directory relative to its root) of the go.mod files above Go packages."""
        if self._go_mods is None:
            found: set[tuple[str, str]] = set()
            seen: set[str] = set()
            for directory in self.go_dirs:
                root = self.root_of(os.path.join(directory, "x.go"))
                d = directory
                while d not in seen:
                    seen.add(d)
                    module = _read_go_mod(os.path.join(d, "go.mod"))
                    if module:
                        rel = os.path.relpath(d, root)
                        found.add((module, "" if rel == "." else rel.replace(os.sep, "/")))
                        break
                    if d == root or os.path.dirname(d) == d or not d.startswith(root):
                        break
                    d = os.path.dirname(d)
            self._go_mods = sorted(found, key=lambda m: -len(m[0]))
        return self._go_mods

    def package_files(self, path: str) -> set[str]:
        return self.go_dirs.get(os.path.dirname(path), set())

    # -- resolution ----------------------------------------------------------

    def _resolve_all(self) -> None:
        self.bases.clear()
        self._resolve_files(set(self.files), full=True)

    def _resolve_files(
        self,
        paths: set[str],
        old_bases: dict[str, tuple[str, ...]] | None = None,
        full: bool = False,
        focus: tuple[str, set[str]] | None = None,
    ) -> set[str]:
        """Resolve the references of `paths`, and of every file a base-class change reaches.

        Base classes come first: a class whose bases changed changes what
        `self.x()` means in its subclasses, so files naming a member of its old
        or new ancestry are added, until nothing more changes.

        `focus` is (changed file, changed names): in the other files only the
        references that spell one of those names are resolved again.
        """
        resolver = self.resolver
        old_bases = old_bases or {}
        pending = {p for p in paths if p in self.files}
        done: set[str] = set()
        partial: dict[str, set[str]] = {}
        if focus is not None:
            home, names = focus
            for path in pending:
                if path != home:
                    spelled = self._spellings(path, names)
                    if spelled is not None:
                        partial[path] = spelled
        while pending:
            moved: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = []
            for path in pending:
                if path not in partial:
                    self._forget_pools(path)
                for cid in self.order.get(path, ()):
                    before = old_bases[cid] if cid in old_bases else self.bases.get(cid, ())
                    self.bases.pop(cid, None)
                    old_bases.setdefault(cid, before)
                resolver.used_pools = set()
                for ref in self.files[path].refs:
                    if ref.kind == "inherit":
                        ref.targets = resolver.resolve_bases(path, ref)
                        self._note_base(path, ref)
                self._note_pools(path, resolver.used_pools)
                if not full:
                    for cid in self.order.get(path, ()):
                        if self.bases.get(cid, ()) != old_bases[cid]:
                            moved.append((cid, old_bases[cid], self.bases.get(cid, ())))
            done |= pending
            pending = set()
            for cid, before, after in moved:
                names = self._ancestry_members(cid, before) | self._ancestry_members(cid, after)
                mention: set[str] = set()
                for name in names:
                    mention |= self.ref_names.get(name, set())
                home = cid.split("::")[0]
                reach = {home} | self._importers(home)
                for sub in self._subclass_files([cid]):
                    reach |= {sub} | self._importers(sub)
                for path in reach & mention:
                    if path in partial:
                        # Its focused pass is no longer enough: resolve it all.
                        del partial[path]
                        self._forget_pools(path)
                pending |= reach & mention
            pending -= done
        # Bases are settled now, so lookups can be remembered for the rest of the pass.
        resolver.begin_pass()
        try:
            for path in done:
                resolver.used_pools = set()
                spelled = partial.get(path)
                for ref in self.files[path].refs:
                    if ref.kind == "inherit":
                        continue
                    if (
                        spelled is not None
                        and ref.name not in spelled
                        and not (ref.recv and not spelled.isdisjoint(ref.recv.split(".")))
                    ):
                        continue
                    ref.targets = resolver.resolve_ref(path, ref)
                self._note_pools(path, resolver.used_pools)
        finally:
            resolver.end_pass()
        for path in done:
            self._rebuild_edges(path)
        return done

    def _spellings(self, path: str, names: set[str]) -> set[str] | None:
        """How `path` can spell a reference to one of `names`: the names and the
        aliases it imports them under; None when only resolving it all is safe
        (a type hint names one of them, so any `x.m()` may change)."""
        fi = self.files[path]
        for hint in fi.hints:
            if not names.isdisjoint(hint.type_expr.lstrip("=").split(".")):
                return None
        spelled = set(names)
        for imp in fi.imports:
            if imp.name in names and imp.alias:
                spelled.add(imp.alias)
        return spelled

    def _ancestry_members(self, cid: str, bases: tuple[str, ...]) -> set[str]:
        """Member names of a class and of its ancestors, given its bases."""
        names = set(self.members.get(cid, {}))
        seen = {cid}
        queue = list(bases)
        while queue:
            current = queue.pop()
            if current in seen or len(seen) > 64:
                continue
            seen.add(current)
            sym = self.symbols.get(current)
            if sym is not None:
                names.add(sym.name)
            names |= set(self.members.get(current, {}))
            queue.extend(self.bases.get(current, ()))
        return names

    def _note_base(self, path: str, ref: Ref) -> None:
        if len(ref.targets) != 1 or ref.targets[0][1] != RESOLVED:
            return
        cls = self.ids_by_qual.get(path, {}).get(ref.scope)
        if cls is None:
            return
        base = ref.targets[0][0]
        if base != cls and base not in self.bases.get(cls, ()):
            self.bases[cls] = (*self.bases.get(cls, ()), base)

    def _resolve_ref(self, path: str, ref: Ref) -> None:
        self.resolver.used_pools = set()
        if ref.kind == "inherit":
            ref.targets = self.resolver.resolve_bases(path, ref)
        else:
            ref.targets = self.resolver.resolve_ref(path, ref)
        self._note_pools(path, self.resolver.used_pools)

    def _note_pools(self, path: str, names: set[str]) -> None:
        if not names:
            return
        mine = self._file_pools.setdefault(path, set())
        for name in names - mine:
            self.pool_users[name].add(path)
        mine |= names

    def _forget_pools(self, path: str) -> None:
        for name in self._file_pools.pop(path, ()):
            _discard(self.pool_users, name, path)

    # -- edges ---------------------------------------------------------------

    def _file_edges(self, path: str) -> dict[str, Edges]:
        fi = self.files[path]
        out: dict[str, Edges] = defaultdict(dict)
        quals: dict[str, str] = {}
        symbols = self.symbols
        for sid in self.order.get(path, ()):
            sym = symbols[sid]
            parent = quals.get(sym.parent, path) if sym.parent else path
            out[parent][(sid, "contains")] = RESOLVED
            quals[sym.qualname] = sid
        resolver = self.resolver
        for imp in fi.imports:
            module = resolver.import_module(path, imp)
            if module is None and fi.lang == "python" and imp.name and not imp.module.strip("."):
                module = resolver._python_module(path, imp.module + imp.name)
            targets = set(self.modules.get(module, ())) if module else set()
            if module and imp.name and imp.name != "*" and fi.lang == "python":
                # `from pkg import sub` imports the submodule too.
                targets |= self.modules.get(f"{module}.{imp.name}", set())
            for target in sorted(targets):
                if target != path:
                    out[path][(target, "imports")] = RESOLVED
        in_test_file = self.is_test_file(path)
        all_quals = self.ids_by_qual.get(path, {})
        test_scopes: dict[str, bool] = {}
        for ref in fi.refs:
            if not ref.targets:
                continue
            src = all_quals.get(ref.scope, path) if ref.scope else path
            kind = "inherits" if ref.kind == "inherit" else "calls"
            edges = out[src]
            is_test = False
            if in_test_file and kind == "calls":
                is_test = test_scopes.get(src)  # type: ignore[assignment]
                if is_test is None:
                    is_test = test_scopes[src] = _is_test_scope(src, path)
            for dst, w in ref.targets:
                key = (dst, kind)
                edges[key] = edges.get(key, 0) + w
                if is_test:
                    tkey = (dst, "tests")
                    edges[tkey] = edges.get(tkey, 0) + w
        return out

    def _src_edges(self, path: str, src: str, scope: str, refs: list[Ref] | None = None) -> Edges:
        """The out-edges of one source node, computed the same way as `_file_edges`."""
        edges: Edges = {}
        if src == path:
            return self._file_edges(path).get(path, {})
        if src in self.symbols:
            quals_so_far: dict[str, str] = {}
            for child in self.order.get(path, ()):
                csym = self.symbols[child]
                if csym.parent and quals_so_far.get(csym.parent) == src:
                    edges[(child, "contains")] = RESOLVED
                quals_so_far[csym.qualname] = child
        is_test = self.is_test_file(path) and _is_test_scope(src, path)
        quals = self.ids_by_qual.get(path, {})
        for ref in self.files[path].refs if refs is None else refs:
            if ref.scope != scope or not ref.targets or quals.get(ref.scope, path) != src:
                continue
            kind = "inherits" if ref.kind == "inherit" else "calls"
            for dst, w in ref.targets:
                key = (dst, kind)
                edges[key] = edges.get(key, 0) + w
                if is_test and kind == "calls":
                    tkey = (dst, "tests")
                    edges[tkey] = edges.get(tkey, 0) + w
        return edges

    def _set_out(self, src: str, after: Edges) -> None:
        before = self.out.get(src, {})
        if before == after:
            return
        for key, w in before.items():
            if after.get(key) != w:
                self._inc_sub(key[0], src, key[1], w)
        for key, w in after.items():
            if before.get(key) != w:
                self.inc[key[0]][(src, key[1])] = w
        if after:
            self.out[src] = after
        else:
            self.out.pop(src, None)

    def _rebuild_edges(self, path: str) -> None:
        new = self._file_edges(path)
        old_srcs = self.file_srcs.get(path, set())
        out, inc = self.out, self.inc
        for src in old_srcs | set(new):
            after = new.get(src)
            if after and src not in out:
                # A source seen for the first time (every source, in a full build).
                out[src] = after
                for (dst, kind), w in after.items():
                    inc[dst][(src, kind)] = w
            else:
                self._set_out(src, after or {})
        self.file_srcs[path] = set(new)

    def _inc_sub(self, dst: str, src: str, kind: str, w: int) -> None:
        edges = self.inc.get(dst)
        if edges is None:
            return
        if edges.get((src, kind)) == w:
            del edges[(src, kind)]
            if not edges:
                del self.inc[dst]

    # -- queries -------------------------------------------------------------

    def edge_set(self) -> set[tuple[str, str, str, int]]:
        with self.lock:
            return {(s, d, k, w) for s, edges in self.out.items() for (d, k), w in edges.items()}

    def file_symbols(self, path: str) -> list[Symbol]:
        with self.lock:
            return [self.symbols[i] for i in self.order.get(path, ())]

    def get(self, symbol_id: str) -> Symbol | None:
        return self.symbols.get(symbol_id)

    def find(self, name: str) -> list[Symbol]:
        """Symbols by short name, qualified name, or module-qualified name."""
        with self.lock:
            if "::" in name:
                sym = self.symbols.get(name)
                return [sym] if sym else []
            last = name.rpartition(".")[2]
            ids = self.by_name.get(last, set())
            found = [self.symbols[i] for i in ids if self.symbols[i].qualname == name or self.symbols[i].name == name]
            if not found and "." in name:
                for i in ids:
                    sym = self.symbols[i]
                    for module in self.file_modules.get(sym.path, ()):
                        if f"{module}.{sym.qualname}" == name:
                            found.append(sym)
            return sorted(found, key=lambda s: (s.path, s.start))

    def search(self, query: str, limit: int = 100) -> list[Symbol]:
        """Fuzzy match for workspace/symbol: exact, prefix, substring, subsequence."""
        q = query.lower()
        scored: list[tuple[int, int, str]] = []
        with self.lock:
            for name, ids in self.by_name.items():
                low = name.lower()
                if not q:
                    rank = 3
                elif low == q:
                    rank = 0
                elif low.startswith(q):
                    rank = 1
                elif q in low:
                    rank = 2
                elif _subsequence(q, low):
                    rank = 3
                else:
                    continue
                for sid in ids:
                    scored.append((rank, len(name), sid))
            scored.sort()
            return [self.symbols[sid] for _, _, sid in scored[:limit]]

    def symbol_at(self, path: str, line: int, col: int) -> Symbol | None:
        """The innermost symbol whose range holds the position."""
        with self.lock:
            best: Symbol | None = None
            for sid in self.order.get(path, ()):
                sym = self.symbols[sid]
                if sym.start <= (line, col) <= sym.end:
                    if best is None or sym.start >= best.start:
                        best = sym
                elif sym.start > (line, col):
                    break
            return best

    def callers(self, symbol_id: str) -> list[CallSite]:
        with self.lock:
            by_src: dict[str, int] = {}
            for (src, kind), w in self.inc.get(symbol_id, {}).items():
                if kind == "calls":
                    by_src[src] = by_src.get(src, 0) + w
            return [self._call_site(src, symbol_id, src, w) for src, w in by_src.items()]

    def callees(self, symbol_id: str) -> list[CallSite]:
        with self.lock:
            sites = []
            for (dst, kind), w in self.out.get(symbol_id, {}).items():
                if kind == "calls":
                    sites.append(self._call_site(symbol_id, dst, dst, w))
            return sites

    def _call_site(self, src: str, dst: str, other: str, w: int) -> CallSite:
        path = src.split("::")[0]
        fi = self.files.get(path)
        scope = self.symbols[src].qualname if src in self.symbols else ""
        ranges = []
        resolved = only_candidate = False
        if fi is not None:
            for ref in fi.refs:
                if ref.kind != "call" or ref.scope != scope:
                    continue
                for target, weight in ref.targets:
                    if target == dst:
                        ranges.append((ref.start, ref.end))
                        resolved = resolved or weight == RESOLVED
                        only_candidate = only_candidate or weight == CANDIDATE_POOL  # a pool of one
        sym = self.symbols.get(other)
        return CallSite(sym, sym.path if sym else other, ranges, w / RESOLVED, path, resolved, only_candidate)

    def neighbours(self, symbol_id: str) -> list[tuple[str, str, str, float]]:
        """(other id, kind, "out"|"in", weight) for every edge touching the node."""
        with self.lock:
            found = [(d, k, "out", w / RESOLVED) for (d, k), w in self.out.get(symbol_id, {}).items()]
            found += [(s, k, "in", w / RESOLVED) for (s, k), w in self.inc.get(symbol_id, {}).items()]
            return found

    def stats(self) -> dict[str, int]:
        with self.lock:
            return {
                "files": len(self.files),
                "symbols": len(self.symbols),
                "edges": sum(len(e) for e in self.out.values()),
                "lines": sum(fi.lines for fi in self.files.values()),
            }


def _subsequence(q: str, text: str) -> bool:
    it = iter(text)
    return all(ch in it for ch in q)


def _is_test_scope(src: str, path: str) -> bool:
    if src == path:
        return True  # module-level test code (JS `test("...", () => ...)`)
    qual = src.partition("::")[2]
    return any(p.lower().startswith("test") for p in qual.split("."))


def _discard(index: dict[str, set[str]], key: str, item: str) -> None:
    """Take `item` out of a key -> set index, dropping keys left empty."""
    items = index.get(key)
    if items is not None:
        items.discard(item)
        if not items:
            del index[key]


def _read_go_mod(path: str) -> str | None:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) >= 2 and parts[0] == "module":
                    return parts[1].strip('"')
    except OSError:
        pass
    return None


def _changed_hint_vars(all_hints: Sequence[Hint], old: Sequence[Hint], new: Sequence[Hint]) -> set[str]:
    """Variables whose inferred type may differ after the region's hints went
    from `old` to `new`, including `self.x = param` hints that copy one of them."""
    before = Counter((h.scope, h.var, h.type_expr) for h in old)
    after = Counter((h.scope, h.var, h.type_expr) for h in new)
    changed = {key[1] for key in (before - after) + (after - before)}
    grew = bool(changed)
    while grew:
        grew = False
        for hint in all_hints:
            if hint.var not in changed and hint.type_expr.startswith("=") and hint.type_expr[1:] in changed:
                changed.add(hint.var)
                grew = True
    return changed


def _reads_hint(ref: Ref, hint_vars: set[str]) -> bool:
    """Whether resolving `ref` may look up the type of one of `hint_vars`."""
    recv = ref.recv
    if not recv:
        return False
    parts = recv.split(".")
    first = parts[0].removesuffix("()")
    if first in hint_vars:
        return True
    return first in ("self", "this") and len(parts) > 1 and "self." + parts[1].removesuffix("()") in hint_vars


def _mentioned_names(fi: FileIndex) -> set[str]:
    names = {r.name for r in fi.refs}
    for ref in fi.refs:
        if ref.recv:
            names.update(ref.recv.split("."))
    for hint in fi.hints:
        names.update(hint.type_expr.split("."))
    return names


_WORD_SPLIT = re.compile(r"[./\\]+")


def _import_words(fi: FileIndex) -> set[str]:
    words: set[str] = set()
    for imp in fi.imports:
        words.update(w for w in _WORD_SPLIT.split(imp.module) if w)
        if imp.name and imp.name != "*":
            words.add(imp.name)
    return words


def _module_keys(names: Iterable[str]) -> set[str]:
    """The last word of each module name: what an import of that module contains."""
    keys = set()
    for name in names:
        bare = name.split(":", 1)[1] if name.startswith(("js:", "go:")) else name
        parts = [w for w in _WORD_SPLIT.split(bare) if w]
        if parts:
            keys.add(parts[-1])
    return keys


def _is_package_marker(path: str) -> bool:
    return os.path.basename(path) in ("__init__.py", "__init__.pyi")


class _Interface(NamedTuple):
    names: frozenset  # (name, detail) pairs: a change re-resolves files naming it
    local: tuple  # what only this file's own resolution reads
    shared: tuple  # a change here re-resolves everything (rare: star imports, default export)


def _interface(fi: FileIndex, graph: CodeGraph) -> _Interface:
    """What resolution can see of this file, split by how far a change reaches."""
    names: set[tuple[str, tuple[str, str, str | None]]] = {(s.name, (s.id, s.kind, s.parent)) for s in fi.symbols}
    # An import can be re-exported: files naming its alias must be re-resolved.
    names |= {(i.alias, ("import", i.module, i.name)) for i in fi.imports if i.alias}
    local = (tuple((h.scope, h.var, h.type_expr) for h in fi.hints),)
    stars = tuple(i.module for i in fi.imports if i.name == "*")
    shared = (stars, fi.default_export, tuple(graph.file_modules.get(fi.path, ())))
    return _Interface(frozenset(names), local, shared)
