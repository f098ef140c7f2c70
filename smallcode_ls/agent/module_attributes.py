"""Names a Python edit takes from a workspace module that never defines them.

ruff cannot tell that `errors.NoPath` or `from .errors import NoPath` names
nothing: the name is only looked up when the line runs, and a line that no
test reaches never fails. Small models invent such names readily, often after
being told a bare name is undefined. The module's own text is the authority
here, and the check leans towards silence: a module that mentions the name
anywhere (a comment included), or can grow names at run time (`__getattr__`,
a star import, `globals()`, `setattr`), is taken to provide it; an import
inside `try` may fail on purpose; dunders, assignments to a module's
attribute, and modules outside the workspace or in the standard library are
never judged.
"""

from __future__ import annotations

import ast
import os
import re
import sys
from collections.abc import Callable
from typing import NamedTuple

# A module that can grow names at run time: `__getattr__`, a star import, writes to its globals.
DYNAMIC = re.compile(r"__getattr__|\bimport\s+\*|\bglobals\(\)|\bsetattr\(|\bsys\.modules\b|\b__dict__\b")
MAX_LISTED = 20  # names of the module shown, so the model can pick the right one

Reader = Callable[[str], "str | None"]  # path -> text, None when there is no such file


class Finding(NamedTuple):
    line: int  # 0-based
    col: int
    message: str


def missing_module_names(path: str, text: str, read: Reader, top: str) -> list[Finding]:
    """Findings for `module.name` and `from module import name` in `text` (the file `path`),
    where `module` is a workspace file under `top` that defines no `name`."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError):
        return []
    finder = _Modules(path, read, top)
    problems: list[Finding] = []
    # An import inside `try` may fail on purpose (`except ImportError`: another version's name).
    guarded = {id(n) for t in ast.walk(tree) if isinstance(t, ast.Try) for s in t.body for n in ast.walk(s)}
    bindings: dict[str, set[str | None]] = {}  # local name -> what each import binds it to (None: not a file)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.asname or "." not in alias.name:
                    bindings.setdefault(alias.asname or alias.name, set()).add(finder.absolute(alias.name))
                else:
                    bindings.setdefault(alias.name.split(".")[0], set()).add(None)  # `import a.b` binds `a`
        elif isinstance(node, ast.ImportFrom):
            module = finder.module(node.module or "", node.level)
            for alias in node.names:
                if alias.name == "*":
                    continue
                sub = finder.module(f"{node.module}.{alias.name}" if node.module else alias.name, node.level)
                bindings.setdefault(alias.asname or alias.name, set()).add(sub)
                if (
                    sub is None
                    and module is not None
                    and id(node) not in guarded
                    and not finder.provides(module, alias.name)
                ):
                    problems.append(_problem(node, alias.name, module, finder, f"`{alias.name}`"))
    # A name two imports bind differently (one per function, say) is not judged: scopes are not tracked.
    bound: dict[str, str] = {}
    for name, files in bindings.items():
        only = next(iter(files)) if len(files) == 1 else None
        if only is not None:
            bound[name] = only
    if not bound:
        return problems
    rebound = _rebound_names(tree)
    for node in ast.walk(tree):
        # Assigning `module.name = ...` defines the name rather than uses it.
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and isinstance(node.ctx, ast.Load):
            module = bound.get(node.value.id)
            if module is None or node.value.id in rebound or finder.provides(module, node.attr):
                continue
            problems.append(_problem(node, node.attr, module, finder, f"`{node.value.id}.{node.attr}`"))
    return problems


def _problem(node: ast.expr | ast.stmt, name: str, module: str, finder: _Modules, what: str) -> Finding:
    where = os.path.relpath(module, finder.top)
    defined = finder.defined(module)
    listed = ", ".join(defined[:MAX_LISTED]) + (", ..." if len(defined) > MAX_LISTED else "")
    message = f"{what}: {where} defines no `{name}`" + (f"; it defines {listed}" if listed else "")
    return Finding(node.lineno - 1, node.col_offset, message)


def _rebound_names(tree: ast.Module) -> set[str]:
    """Names also bound some other way than an import (a parameter, an assignment): not judged."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store | ast.Del):
            names.add(node.id)
        elif isinstance(node, ast.arg):
            names.add(node.arg)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
    return names


def _on_disk(folder: str, name: str) -> bool:
    try:
        return any(entry == name or entry.startswith(name + ".") for entry in os.listdir(folder))
    except OSError:
        return False


class _Modules:
    """Python modules as files of the workspace, found the way imports from `path` would find them."""

    def __init__(self, path: str, read: Reader, top: str) -> None:
        self.path = path
        self.read = read
        self.top = top.rstrip(os.sep) or os.sep
        self._texts: dict[str, str | None] = {}

    def module(self, dotted: str, level: int) -> str | None:
        if level == 0:
            return self.absolute(dotted)
        base = os.path.dirname(self.path)
        for _ in range(level - 1):
            base = os.path.dirname(base)
        return self._file(base, dotted.split(".") if dotted else [])

    def absolute(self, dotted: str) -> str | None:
        """`dotted` from the workspace's top down to the file's folder, as `sys.path` would find it
        (the top first); never the standard library."""
        if not dotted or dotted.split(".")[0] in sys.stdlib_module_names:
            return None
        folders = []
        folder = os.path.dirname(self.path)
        while self._inside(folder):
            folders.append(folder)
            if folder == self.top:
                break
            folder = os.path.dirname(folder)
        for folder in reversed(folders):
            found = self._file(folder, dotted.split("."))
            if found is not None:
                return found
        return None

    def _inside(self, folder: str) -> bool:
        return folder == self.top or folder.startswith(self.top.rstrip(os.sep) + os.sep)

    def _file(self, base: str, parts: list[str]) -> str | None:
        if not self._inside(base):
            return None
        stem = os.path.join(base, *parts)
        for candidate in (
            (stem + ".py", os.path.join(stem, "__init__.py")) if parts else (os.path.join(base, "__init__.py"),)
        ):
            if self.text(candidate) is not None:
                return candidate
        return None

    def text(self, path: str) -> str | None:
        if path not in self._texts:
            self._texts[path] = self.read(path)
        return self._texts[path]

    def provides(self, module: str, name: str) -> bool:
        if name.startswith("__") and name.endswith("__"):
            return True  # `__file__`, `__doc__`: every module has them
        text = self.text(module) or ""
        if DYNAMIC.search(text) or re.search(rf"\b{re.escape(name)}\b", text):
            return True
        # A package's submodule is its attribute once imported anywhere: a Python file, a compiled
        # extension (`_tkagg.cpython-311-x86_64-linux-gnu.so`) or a folder.
        if os.path.basename(module) == "__init__.py":
            folder = os.path.dirname(module)
            return self._file(folder, [name]) is not None or _on_disk(folder, name)
        return False

    def defined(self, module: str) -> list[str]:
        """The module's top-level names, in order: what it does define."""
        try:
            tree = ast.parse(self.text(module) or "")
        except (SyntaxError, ValueError, RecursionError):
            return []
        names: list[str] = []
        for node in tree.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.append(node.name)
            elif isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                names += [t.id for t in targets if isinstance(t, ast.Name)]
        return [n for n in dict.fromkeys(names) if not n.startswith("__")]
