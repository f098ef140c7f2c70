"""Name resolution: which definition does each reference point at.

Good enough to trust for Python (imports with aliases, relative imports,
`self.method()` through base classes, module attributes, `x = Cls()` hints),
and by imports and package scope for JavaScript/TypeScript and Go. When a
reference cannot be pinned to one target, it keeps up to MAX_CANDIDATES
definitions of that name with a shared, lower weight instead of being dropped.

Every lookup goes through a name that appears in the reference, its imports or
its base classes; the graph relies on that to know which files to re-resolve
when a file's definitions change.
"""

from __future__ import annotations

import builtins
import os
import posixpath
from typing import TYPE_CHECKING

from .model import CANDIDATE_POOL, MAX_CANDIDATES, RESOLVED, Import, Ref

if TYPE_CHECKING:
    from .store import CodeGraph

Target = tuple[str, str] | None  # ("sym", symbol id) | ("mod", module name) | None

PY_BUILTINS = frozenset(dir(builtins))
JS_GLOBALS = frozenset(
    [
        "Array",
        "Object",
        "String",
        "Number",
        "Boolean",
        "Promise",
        "Map",
        "Set",
        "WeakMap",
        "Date",
        "Error",
        "JSON",
        "Math",
        "RegExp",
        "Symbol",
        "console",
        "require",
        "parseInt",
        "parseFloat",
        "setTimeout",
        "clearTimeout",
        "setInterval",
        "clearInterval",
        "fetch",
    ]
)
GO_BUILTINS = frozenset(
    [
        "append",
        "cap",
        "close",
        "complex",
        "copy",
        "delete",
        "imag",
        "len",
        "make",
        "new",
        "panic",
        "print",
        "println",
        "real",
        "recover",
        "min",
        "max",
        "clear",
    ]
)


def _method_names(*types: type) -> frozenset[str]:
    return frozenset(n for t in types for n in dir(t) if not n.startswith("__"))


# Methods of the built-in types. A call like `x.append()` on an unknown `x` is
# nearly always one of these; guessing a workspace method of the same name was
# wrong every time we checked against jedi.
def _python_builtin_methods() -> frozenset[str]:
    import collections
    import io
    import re
    import threading

    return _method_names(
        str,
        bytes,
        bytearray,
        list,
        dict,
        set,
        frozenset,
        tuple,
        int,
        float,
        complex,
        memoryview,
        re.Pattern,
        re.Match,
        collections.deque,
        collections.OrderedDict,
        io.StringIO,
        io.BytesIO,
        io.TextIOWrapper,
        type(threading.Lock()),
        type(threading.RLock()),
    )


PY_BUILTIN_METHODS = _python_builtin_methods()
JS_BUILTIN_METHODS = frozenset(
    [
        "push",
        "pop",
        "shift",
        "unshift",
        "slice",
        "splice",
        "concat",
        "join",
        "reverse",
        "sort",
        "indexOf",
        "lastIndexOf",
        "includes",
        "find",
        "findIndex",
        "filter",
        "map",
        "forEach",
        "reduce",
        "reduceRight",
        "some",
        "every",
        "flat",
        "flatMap",
        "fill",
        "keys",
        "values",
        "entries",
        "split",
        "replace",
        "replaceAll",
        "toLowerCase",
        "toUpperCase",
        "trim",
        "trimStart",
        "trimEnd",
        "startsWith",
        "endsWith",
        "padStart",
        "padEnd",
        "charAt",
        "charCodeAt",
        "substring",
        "substr",
        "match",
        "matchAll",
        "search",
        "repeat",
        "toString",
        "toFixed",
        "valueOf",
        "then",
        "catch",
        "finally",
        "get",
        "set",
        "has",
        "delete",
        "clear",
        "add",
        "apply",
        "call",
        "bind",
        "hasOwnProperty",
        "test",
        "exec",
    ]
)
# Top-level packages of Go's standard library (never a module path with a domain).
GO_STDLIB = frozenset(
    [
        "archive",
        "bufio",
        "builtin",
        "bytes",
        "cmp",
        "compress",
        "container",
        "context",
        "crypto",
        "database",
        "debug",
        "embed",
        "encoding",
        "errors",
        "expvar",
        "flag",
        "fmt",
        "go",
        "hash",
        "html",
        "image",
        "index",
        "io",
        "iter",
        "log",
        "maps",
        "math",
        "mime",
        "net",
        "os",
        "path",
        "plugin",
        "reflect",
        "regexp",
        "runtime",
        "slices",
        "sort",
        "strconv",
        "strings",
        "structs",
        "sync",
        "syscall",
        "testing",
        "text",
        "time",
        "unicode",
        "unique",
        "unsafe",
    ]
)
GO_BUILTIN_METHODS = frozenset(
    ["Error", "String", "Len", "Less", "Swap", "Lock", "Unlock", "RLock", "RUnlock", "Read", "Write", "Close"]
)
JS_EXTENSIONS = (".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts")
CLASS_KINDS = ("class", "interface")
MAX_DEPTH = 6


class Resolver:
    def __init__(self, graph: CodeGraph) -> None:
        self.g = graph
        # Within one resolution pass the tables do not change, and files repeat
        # the same lookups (`self.x`, one import used a hundred times).
        self._memo: dict[tuple, Target | str | None] | None = None
        # Names whose by-name candidate pool decided a reference of `path`: when
        # such a pool changes, only these files need resolving again.
        self.path = ""
        self.used_pools: set[str] = set()

    def begin_pass(self) -> None:
        self._memo = {}

    def end_pass(self) -> None:
        self._memo = None

    # -- modules -----------------------------------------------------------

    def import_module(self, path: str, imp: Import) -> str | None:
        """The workspace module an import refers to, or None if it is outside."""
        memo = self._memo
        if memo is not None:
            key = ("m", path, imp.module)
            if key in memo:
                return memo[key]  # type: ignore[return-value]
            found = memo[key] = self._import_module(path, imp)
            return found
        return self._import_module(path, imp)

    def python_module(self, path: str, module: str) -> str | None:
        """The workspace module a Python import statement in `path` names (relative or not), or None."""
        return self._python_module(path, module)

    def _import_module(self, path: str, imp: Import) -> str | None:
        lang = self.g.files[path].lang
        if lang == "python":
            return self._python_module(path, imp.module)
        if lang == "go":
            return self._go_module(imp.module)
        return self._js_module(path, imp.module)

    def _python_module(self, path: str, module: str) -> str | None:
        if not module.startswith("."):
            return module if module in self.g.modules else self._python_prefix(module)
        level = len(module) - len(module.lstrip("."))
        rest = module[level:]
        names = self.g.file_modules.get(path)
        if not names:
            return None
        own = names[0]
        package = own if path.endswith("__init__.py") or path.endswith("__init__.pyi") else own.rpartition(".")[0]
        for _ in range(level - 1):
            package = package.rpartition(".")[0]
        full = f"{package}.{rest}" if package and rest else (package or rest)
        return full if full in self.g.modules else None

    def _python_prefix(self, module: str) -> str | None:
        # `import a.b.c` where only `a.b` is ours (c is an attribute, say).
        while "." in module:
            module = module.rpartition(".")[0]
            if module in self.g.modules:
                return module
        return None

    def _go_module(self, import_path: str) -> str | None:
        modules = self.g.go_mod_paths()
        if modules:
            # With a go.mod, only imports under its module path are ours.
            for module_path, rel_dir in modules:
                if import_path == module_path or import_path.startswith(module_path + "/"):
                    rest = import_path[len(module_path) :].strip("/")
                    rel = "/".join(p for p in (rel_dir, rest) if p)
                    for root in self.g.roots:
                        key = "go:" + (rel or os.path.basename(root))
                        if key in self.g.modules:
                            return key
                    return None
            return None
        parts = import_path.split("/")
        if parts[0] in GO_STDLIB:
            return None  # `import "errors"` is the standard library, whatever dirs we have
        for k in range(len(parts)):
            key = "go:" + "/".join(parts[k:])
            if key in self.g.modules:
                return key
        return None

    def _js_module(self, path: str, spec: str) -> str | None:
        if not spec.startswith("."):
            return None
        target = posixpath.normpath(posixpath.join(posixpath.dirname(path), spec))
        for ext in JS_EXTENSIONS:
            if target.endswith(ext):
                target = target[: -len(ext)]
                break
        key = "js:" + target
        return key if key in self.g.modules else None

    # -- bindings ------------------------------------------------------------

    def bind(self, path: str, name: str, scope: str, depth: int = 0) -> Target:
        """What a bare name means at module `path` inside `scope`."""
        memo = self._memo
        if memo is not None and depth == 0:
            key = ("b", path, name, scope)
            if key in memo:
                return memo[key]  # type: ignore[return-value]
            found = memo[key] = self._bind(path, name, scope, depth)
            return found
        return self._bind(path, name, scope, depth)

    def _bind(self, path: str, name: str, scope: str, depth: int) -> Target:
        g = self.g
        quals = g.ids_by_qual.get(path, {})
        # Definitions nested in the enclosing functions, and in the class body
        # itself when the name is used there; a method's body does not see its
        # class's namespace.
        s = scope
        innermost = True
        while s:
            owner = quals.get(s)
            if innermost or owner is None or g.symbols[owner].kind not in CLASS_KINDS:
                sid = quals.get(f"{s}.{name}")
                if sid is not None:
                    return ("sym", sid)
            innermost = False
            s = s.rpartition(".")[0]
        sid = g.top.get(path, {}).get(name)
        if sid is not None:
            return ("sym", sid)
        fi = g.files[path]
        if fi.lang == "go":
            for other in g.package_files(path):
                sid = g.top.get(other, {}).get(name)
                if sid is not None:
                    return ("sym", sid)
        imp = g.bindings.get(path, {}).get(name)
        if imp is not None:
            return self._bind_import(path, imp, name, depth)
        for star in g.star_imports.get(path, ()):
            module = self.import_module(path, star)
            if module is not None and depth < MAX_DEPTH:
                found = self.export(module, name, depth + 1)
                if found is not None:
                    return found
        return None

    def _bind_import(self, path: str, imp: Import, name: str, depth: int) -> Target:
        lang = self.g.files[path].lang
        if imp.name is None:
            if lang == "python" and imp.alias == imp.module and "." in imp.module:
                # `import a.b` binds `a`, which may be a namespace package (no file).
                first = imp.module.split(".")[0]
                if first in self.g.modules or self._python_module(path, imp.module) is not None:
                    return ("mod", first)
                return None
            module = self.import_module(path, imp)
            return ("mod", module) if module is not None else None
        module = self.import_module(path, imp)
        if module is None:
            # `from . import sibling` names a module, not a symbol.
            if lang == "python" and imp.module.strip(".") == "" and imp.name:
                sub = self._python_module(path, imp.module + imp.name)
                return ("mod", sub) if sub is not None else None
            return None
        if depth >= MAX_DEPTH:
            return None
        return self.export(module, imp.name, depth + 1)

    def export(self, module: str, name: str, depth: int = 0) -> Target:
        """What `name` means as an attribute of a workspace module."""
        g = self.g
        sub = f"{module}.{name}"
        for mpath in g.modules.get(module, ()):
            if name == "default":
                default = g.files[mpath].default_export
                sid = g.ids_by_qual.get(mpath, {}).get(default) if default else None
                if sid is not None:
                    return ("sym", sid)
            sid = g.top.get(mpath, {}).get(name)
            if sid is not None:
                return ("sym", sid)
            if g.files[mpath].lang == "go":
                for other in g.package_files(mpath):
                    sid = g.top.get(other, {}).get(name)
                    if sid is not None:
                        return ("sym", sid)
        if sub in g.modules:
            return ("mod", sub)
        if depth >= MAX_DEPTH:
            return None
        for mpath in g.modules.get(module, ()):
            imp = g.bindings.get(mpath, {}).get(name)
            if imp is not None:
                found = self._bind_import(mpath, imp, name, depth + 1)
                if found is not None:
                    return found
            for star in g.star_imports.get(mpath, ()):
                star_module = self.import_module(mpath, star)
                if star_module is not None:
                    found = self.export(star_module, name, depth + 1)
                    if found is not None:
                        return found
        return None

    def member(self, target: Target, name: str, depth: int = 0) -> Target:
        if target is None:
            return None
        if target[0] == "mod":
            return self.export(target[1], name, depth)
        sym = self.g.symbols.get(target[1])
        if sym is None or sym.kind not in CLASS_KINDS:
            return None
        found = self.find_member(target[1], name)
        return ("sym", found) if found is not None else None

    def find_member(self, class_id: str, name: str) -> str | None:
        """Look a method up the class and its resolved bases, breadth first."""
        memo = self._memo
        if memo is not None:
            key = ("f", class_id, name)
            if key in memo:
                return memo[key]  # type: ignore[return-value]
            found = memo[key] = self._find_member(class_id, name)
            return found
        return self._find_member(class_id, name)

    def _find_member(self, class_id: str, name: str) -> str | None:
        direct = self.g.members.get(class_id)
        if direct is not None and name in direct:
            return direct[name]
        if not self.g.bases.get(class_id) and not self.g.go_dirs:
            return None
        seen = {class_id}
        queue = [class_id]
        while queue:
            cid = queue.pop(0)
            found = self.g.members.get(cid, {}).get(name)
            if found is None:
                found = self._go_method(cid, name)
            if found is not None:
                return found
            for base in self.g.bases.get(cid, ()):
                if base not in seen and len(seen) < 64:
                    seen.add(base)
                    queue.append(base)
        return None

    def _go_method(self, type_id: str, name: str) -> str | None:
        # Go declares methods at top level, in any file of the type's package.
        if not self.g.go_dirs:
            return None
        sym = self.g.symbols.get(type_id)
        if sym is None or self.g.files[sym.path].lang != "go":
            return None
        wanted = f"{sym.qualname}.{name}"
        for other in sorted(self.g.package_files(sym.path)):
            found = self.g.ids_by_qual.get(other, {}).get(wanted)
            if found is not None:
                return found
        return None

    def _enclosing_class(self, path: str, scope: str) -> str | None:
        quals = self.g.ids_by_qual.get(path, {})
        s = scope
        lang = self.g.files[path].lang
        while s:
            sid = quals.get(s)
            if sid is not None and self.g.symbols[sid].kind in CLASS_KINDS:
                return sid
            if lang == "go" and sid is None:
                # Go methods live at top level; `T.M` belongs to type T of the package.
                found = self.bind(path, s, "")
                if found is not None and found[0] == "sym" and self.g.symbols[found[1]].kind in CLASS_KINDS:
                    return found[1]
            s = s.rpartition(".")[0]
        return None

    def _hint_type(self, path: str, var: str, scope: str) -> Target:
        """Type of `x` / `self.x` from an assignment `x = Cls(...)` in scope."""
        by_var = self.g.hints_by_var(path)
        if not by_var:
            return None
        hints = by_var.get(var, ())
        if not hints:
            return None
        if var.startswith("self."):
            cls = self._enclosing_class(path, scope)
            if cls is None:
                return None
            cls_qual = self.g.symbols[cls].qualname
            candidates = [h for h in hints if h.var == var and h.scope.startswith(cls_qual + ".")]
        else:
            chain = []
            s = scope
            while True:
                chain.append(s)
                if not s:
                    break
                s = s.rpartition(".")[0]
            candidates = []
            for s in chain:
                candidates = [h for h in hints if h.var == var and h.scope == s]
                if candidates:
                    break
        found: set[str] = set()
        for hint in candidates:
            if hint.type_expr.startswith("="):
                # `self.x = param`: the type of `param` where the assignment is.
                target = self._hint_type(path, hint.type_expr[1:], hint.scope) if not var.startswith("=") else None
            else:
                target = self.expression(path, hint.type_expr, scope, hint_depth=1)
            if target is None or target[0] != "sym" or self.g.symbols[target[1]].kind not in CLASS_KINDS:
                return None  # one unknown assignment makes the type unknown
            found.add(target[1])
        if len(found) != 1:
            return None
        return ("sym", found.pop())

    def expression(self, path: str, text: str, scope: str, hint_depth: int = 0) -> Target:
        """Resolve a dotted expression such as `a`, `mod.Cls`, `self.x`, `pkg.sub.f`."""
        memo = self._memo
        if memo is not None:
            key = ("e", path, text, scope, hint_depth)
            if key in memo:
                return memo[key]  # type: ignore[return-value]
            found = memo[key] = self._expression(path, text, scope, hint_depth)
            return found
        return self._expression(path, text, scope, hint_depth)

    def _expression(self, path: str, text: str, scope: str, hint_depth: int) -> Target:
        if text.endswith("()"):
            # `Cls(...).m()`: an instance of the class; any other call's result is unknown.
            made = self.expression(path, text[:-2], scope, hint_depth)
            if made is not None and made[0] == "sym" and self.g.symbols[made[1]].kind in CLASS_KINDS:
                return made
            return None
        parts = text.split(".")
        first = parts[0]
        lang = self.g.files[path].lang
        if first in ("self", "this") and len(parts) > 1 and hint_depth == 0:
            cur = self._hint_type(path, f"self.{parts[1]}", scope) if lang == "python" else None
            rest = parts[2:]
            if cur is None:
                return None
        elif first in ("self", "cls", "this"):
            cls = self._enclosing_class(path, scope)
            cur = ("sym", cls) if cls is not None else None
            rest = parts[1:]
        else:
            cur = self.bind(path, first, scope)
            if cur is None and hint_depth == 0 and lang in ("python", "go"):
                cur = self._hint_type(path, first, scope)
            elif cur is not None and cur[0] == "mod" and len(parts) > 1:
                # `import a.b` then `a.b.c`: prefer the deepest module that exists.
                for k in range(len(parts), 1, -1):
                    dotted = cur[1] + "." + ".".join(parts[1:k]) if k > 1 else cur[1]
                    if dotted in self.g.modules:
                        cur = ("mod", dotted)
                        parts = [first, *parts[k:]]
                        break
            rest = parts[1:]
        for part in rest:
            cur = self.member(cur, part)
            if cur is None:
                return None
        return cur

    # -- references ------------------------------------------------------------

    def resolve_ref(self, path: str, ref: Ref) -> tuple[tuple[str, int], ...]:
        recv = ref.recv
        name = ref.name
        lang = self.g.files[path].lang
        bindings = self.g.bindings.get(path, {})
        if recv is None:
            found = self.bind(path, name, ref.scope)
            if found is not None:
                return ((found[1], RESOLVED),) if found[0] == "sym" else ()
            if name in _builtins(lang) or name in bindings:
                return ()  # a builtin, or imported from outside the workspace
            return self._candidates(path, name, methods=False)
        if recv == "super()" or recv == "super":
            cls = self._enclosing_class(path, ref.scope)
            for base in self.g.bases.get(cls, ()) if cls else ():
                found_id = self.find_member(base, name)
                if found_id is not None:
                    return ((found_id, RESOLVED),)
            return self._candidates(path, name, methods=True)
        if recv != "?":
            first = recv.split(".")[0]
            owner = self.expression(path, recv, ref.scope)
            if owner is None and first in bindings and self.bind(path, first, ref.scope) is None:
                return ()  # `os.path.join()`: an outside module, not ours to guess
            if owner is not None:
                found = self.member(owner, name)
                if found is not None and found[0] == "sym":
                    return ((found[1], RESOLVED),)
                if owner[0] == "mod" or self.g.symbols[owner[1]].kind in CLASS_KINDS:
                    # Known owner without that member: an external base class or a
                    # dynamic attribute. Guessing by name would only add noise.
                    return ()
        return self._candidates(path, name, methods=True)

    def _candidates(self, path: str, name: str, methods: bool) -> tuple[tuple[str, int], ...]:
        lang = self.g.files[path].lang
        if methods and name in _builtin_methods(lang):
            return ()
        self.used_pools.add(name)
        g = self.g
        # Production code does not call into its tests; tests may call anything.
        if g.is_test_file(path):
            pool = (g.methods_by_name if methods else g.globals_by_name).get(name)
        else:
            pool = (g.prod_methods_by_name if methods else g.prod_globals_by_name).get(name)
        if not pool or len(pool) > MAX_CANDIDATES:
            return ()
        share = CANDIDATE_POOL // len(pool)
        return tuple((i, share) for i in sorted(pool))

    def resolve_bases(self, path: str, ref: Ref) -> tuple[tuple[str, int], ...]:
        # A base list sits inside the class node, but is evaluated outside it.
        outside = ref.scope.rpartition(".")[0]
        text = f"{ref.recv}.{ref.name}" if ref.recv else ref.name
        found = self.expression(path, text, outside)
        if found is not None and found[0] == "sym":
            return ((found[1], RESOLVED),)
        if ref.name in _builtins(self.g.files[path].lang):
            return ()
        self.used_pools.add(ref.name)
        ids = [i for i in self.g.by_name.get(ref.name, ()) if self.g.symbols[i].kind in CLASS_KINDS]
        if not ids or len(ids) > MAX_CANDIDATES:
            return ()
        share = CANDIDATE_POOL // len(ids)
        return tuple((i, share) for i in sorted(ids))


def _builtin_methods(lang: str) -> frozenset[str]:
    if lang == "python":
        return PY_BUILTIN_METHODS
    if lang == "go":
        return GO_BUILTIN_METHODS
    return JS_BUILTIN_METHODS


def _builtins(lang: str) -> frozenset[str]:
    if lang == "python":
        return PY_BUILTINS
    if lang == "go":
        return GO_BUILTINS
    return JS_GLOBALS
