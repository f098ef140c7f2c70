"""Moving a top-level Python function or class to another module, done by the harness.

Like a rename, a move is mechanical once the code is parsed: the definition goes
to the end of the new module with the imports it needs, the old module imports
it back if it still uses it, and every `from old import name` in the workspace
imports it from the new module instead. A small model asked for the same edits
file by file forgets an import or leaves a copy behind. When the move is not
that simple (the definition uses other code of its old module, or a file
reaches it as `old.name`), nothing is planned and the model takes the task.
"""

from __future__ import annotations

import ast
import os
import re
from dataclasses import dataclass

from .refactors import RefactorRefused

_MOVE = re.compile(
    r"\bmove\s+(?:the\s+)?(?:(?:function|class|helper)\s+)?`?([A-Za-z_]\w*)`?(?:\(\))?"
    r"(?:\s+(?:function|class|helper))?\s+from\s+`?([\w./-]+\.py)`?\s+(?:in)?to\s+`?([\w./-]+\.py)`?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class MoveRequest:
    name: str
    source: str  # paths as the instruction writes them
    dest: str


def parse_move(instruction: str) -> MoveRequest | None:
    """The move an instruction asks for: "Move the `slugify` function from blog/views.py into
    blog/text.py"."""
    match = _MOVE.search(instruction)
    if match is None or match.group(2) == match.group(3):
        return None
    return MoveRequest(match.group(1), match.group(2), match.group(3))


def module_name(path: str, root: str) -> str:
    """The dotted module of a file under a workspace root (`blog/text.py` -> `blog.text`)."""
    rel = os.path.relpath(path, root)[: -len(".py")]
    parts = rel.split(os.sep)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def plan_move(name: str, source: str, dest: str, texts: dict[str, str], root: str) -> dict[str, str]:
    """The new text of every file the move changes. `texts` holds the workspace's Python files by
    path (the source included; the destination when it exists). Raises RefactorRefused."""
    src_text = texts[source]
    src_tree = _parse(source, src_text)
    node = next(
        (n for n in src_tree.body if isinstance(n, _DEFINITIONS) and n.name == name),
        None,
    )
    if node is None:
        raise RefactorRefused(f"`{name}` is not a top-level function or class of {os.path.relpath(source, root)}")
    if dest in texts and _binds(_parse(dest, texts[dest]), name):
        raise RefactorRefused(f"{os.path.relpath(dest, root)} already defines `{name}`")
    lines = src_text.split("\n")
    first = min([node.lineno, *(d.lineno for d in node.decorator_list)]) - 1
    last = node.end_lineno or node.lineno
    block = "\n".join(lines[first:last])
    needed = _imports_needed(node, src_tree, source, dest, root)
    src_module, dest_module = module_name(source, root), module_name(dest, root)

    changes: dict[str, str] = {}
    dest_text = texts.get(dest, "")
    dest_text = _add_imports(dest_text, needed)
    changes[dest] = dest_text.rstrip("\n") + ("\n\n\n" if dest_text.strip() else "") + block + "\n"

    remaining = _without_lines(lines, first, last)
    remaining = _drop_unused(remaining, [alias for _, alias in needed])
    if name in _names_used(_parse(source, remaining)):
        remaining = _import_from(remaining, source, dest_module, name, root)
    changes[source] = remaining

    for path, text in texts.items():
        if path in (source, dest) or name not in text:
            continue
        tree = _parse(path, text)
        if _reaches_as_attribute(tree, path, src_module, name, root):
            raise RefactorRefused(f"{os.path.relpath(path, root)} uses `{name}` through its module")
        updated = _retarget_imports(text, tree, path, src_module, dest_module, name, root)
        if updated != text:
            changes[path] = updated
    if dest in texts and dest_module and _imports_name_from(_parse(dest, changes[dest]), dest, src_module, name, root):
        raise RefactorRefused(f"{os.path.relpath(dest, root)} imports `{name}` from its old module")
    return changes


_DEFINITIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def _parse(path: str, text: str) -> ast.Module:
    try:
        return ast.parse(text)
    except SyntaxError as exc:
        raise RefactorRefused(f"{os.path.basename(path)} does not parse: {exc.msg} (line {exc.lineno})") from None


def _binds(tree: ast.Module, name: str) -> bool:
    for node in tree.body:
        if isinstance(node, _DEFINITIONS):
            bound = [node.name]
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            bound = [a.asname or a.name.split(".")[0] for a in node.names]
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            bound = _assigned(node)
        else:
            continue
        if name in bound:
            return True
    return False


def _names_used(tree: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}


def _imports_needed(node: ast.AST, tree: ast.Module, source: str, dest: str, root: str) -> list[tuple[str, str]]:
    """(import statement for the destination, name it binds) for every module-level name of the
    source that the moved code uses. Raises RefactorRefused when one is not an import."""
    used = _names_used(node) - {getattr(node, "name", "")}
    needed: list[tuple[str, str]] = []
    for stmt in tree.body:
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                bound = alias.asname or alias.name.split(".")[0]
                if bound in used:
                    text = f"import {alias.name}" + (f" as {alias.asname}" if alias.asname else "")
                    needed.append((text, bound))
        elif isinstance(stmt, ast.ImportFrom) and stmt.module != "__future__":
            module = _absolute(stmt, source, root)
            for alias in stmt.names:
                bound = alias.asname or alias.name
                if bound in used:
                    target = _spelling(module, dest, root, relative=stmt.level > 0)
                    text = f"from {target} import {alias.name}" + (f" as {alias.asname}" if alias.asname else "")
                    needed.append((text, bound))
        elif isinstance(stmt, (*_DEFINITIONS, ast.Assign, ast.AnnAssign)):
            names = [stmt.name] if isinstance(stmt, _DEFINITIONS) else _assigned(stmt)
            clash = sorted(set(names) & used)
            if clash:
                raise RefactorRefused(f"`{getattr(node, 'name', '')}` uses `{clash[0]}`, which stays in its module")
    return needed


def _assigned(stmt: ast.Assign | ast.AnnAssign) -> list[str]:
    targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
    return [t.id for t in targets if isinstance(t, ast.Name)]


def _absolute(stmt: ast.ImportFrom, path: str, root: str) -> str:
    """The dotted module a `from ... import` names, relative ones resolved against the file."""
    if not stmt.level:
        return stmt.module or ""
    package = module_name(path, root).split(".")
    if not path.endswith("__init__.py"):
        package = package[:-1]
    base = package[: len(package) - (stmt.level - 1)] if stmt.level > 1 else package
    return ".".join([*base, *([stmt.module] if stmt.module else [])])


def _spelling(module: str, path: str, root: str, relative: bool) -> str:
    """How the file at `path` names `module` in an import: `.text` next door when relative imports
    are its style, else the dotted path."""
    package = module_name(path, root).split(".")
    if not path.endswith("__init__.py"):
        package = package[:-1]
    parts = module.split(".")
    if relative and package and parts[: len(package)] == package and len(parts) == len(package) + 1:
        return "." + parts[-1]
    return module


def _add_imports(text: str, imports: list[tuple[str, str]]) -> str:
    """`text` with the import lines added after its last top-level import (or its docstring)."""
    if not imports:
        return text
    tree = _parse("destination", text) if text.strip() else ast.Module(body=[], type_ignores=[])
    bound = {(a.asname or a.name.split(".")[0]) for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))
             for a in n.names}  # fmt: skip
    new = [line for line, name in imports if name not in bound]
    if not new:
        return text
    lines = text.split("\n")
    at = 0
    for stmt in tree.body:
        is_doc = isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and stmt is tree.body[0]
        if isinstance(stmt, (ast.Import, ast.ImportFrom)) or is_doc:
            at = stmt.end_lineno or at
        else:
            break
    block = list(dict.fromkeys(new))
    if at and not any(isinstance(s, (ast.Import, ast.ImportFrom)) for s in tree.body):
        block = ["", *block]  # after a docstring
    if at < len(lines) and lines[at].strip():
        block.append("")
    return "\n".join([*lines[:at], *block, *lines[at:]])


def _without_lines(lines: list[str], first: int, end: int) -> str:
    """The text with lines [first, end) gone and the blank lines around them collapsed to two."""
    before = lines[:first]
    after = lines[end:]
    while before and not before[-1].strip():
        before.pop()
    while after and not after[0].strip():
        after.pop(0)
    if not after:
        return "\n".join(before) + "\n"
    return "\n".join([*before, "", "", *after])


def _drop_unused(text: str, names: list[str]) -> str:
    """Remove the imports of `names` that nothing in `text` uses any more."""
    tree = _parse("source", text)
    # A name in a string (`__all__`) counts as a use: the import stays.
    strings = {n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)}
    used = _names_used(tree) | strings
    unused = {n for n in names if n not in used}
    if not unused:
        return text
    lines = text.split("\n")
    for stmt in reversed(tree.body):
        if not isinstance(stmt, (ast.Import, ast.ImportFrom)):
            continue
        keep = [a for a in stmt.names if (a.asname or a.name.split(".")[0]) not in unused]
        if len(keep) == len(stmt.names):
            continue
        start, end = stmt.lineno - 1, stmt.end_lineno or stmt.lineno
        lines[start:end] = [_render_import(stmt, keep, lines[start])] if keep else []
    return "\n".join(lines)


def _render_import(stmt: ast.Import | ast.ImportFrom, names: list[ast.alias], first_line: str) -> str:
    indent = first_line[: len(first_line) - len(first_line.lstrip())]
    listed = ", ".join(a.name + (f" as {a.asname}" if a.asname else "") for a in names)
    if isinstance(stmt, ast.Import):
        return f"{indent}import {listed}"
    return f"{indent}from {'.' * stmt.level}{stmt.module or ''} import {listed}"


def _import_from(text: str, path: str, module: str, name: str, root: str) -> str:
    """`text` importing `name` from `module`: added to an import of that module when there is one."""
    tree = _parse(path, text)
    relative_style = any(isinstance(s, ast.ImportFrom) and s.level for s in tree.body)
    lines = text.split("\n")
    for stmt in tree.body:
        if isinstance(stmt, ast.ImportFrom) and _absolute(stmt, path, root) == module:
            if any(a.name == "*" for a in stmt.names):
                return text
            names = sorted([*stmt.names, ast.alias(name=name)], key=lambda a: a.name)
            start, end = stmt.lineno - 1, stmt.end_lineno or stmt.lineno
            lines[start:end] = [_render_import(stmt, names, lines[start])]
            return "\n".join(lines)
    spelled = _spelling(module, path, root, relative_style)
    return _add_imports(text, [(f"from {spelled} import {name}", name)])


def _imports_name_from(tree: ast.Module, path: str, module: str, name: str, root: str) -> bool:
    return any(
        isinstance(s, ast.ImportFrom) and _absolute(s, path, root) == module and any(a.name == name for a in s.names)
        for s in ast.walk(tree)
    )


def _reaches_as_attribute(tree: ast.Module, path: str, module: str, name: str, root: str) -> bool:
    """Whether the file uses `module.name` (after `import module` or `from package import module`)."""
    aliases: set[str] = set()
    package, _, last = module.rpartition(".")
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            aliases |= {a.asname or a.name for a in node.names if a.name == module}
        elif isinstance(node, ast.ImportFrom) and _absolute(node, path, root) == package:
            aliases |= {a.asname or a.name for a in node.names if a.name == last}
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == name:
            base = ast.unparse(node.value)
            if base in aliases:
                return True
    return False


def _retarget_imports(text: str, tree: ast.Module, path: str, old: str, new: str, name: str, root: str) -> str:
    """`text` importing `name` from `new` wherever it imported it from `old`."""
    lines = text.split("\n")
    moved = False
    for stmt in reversed(tree.body):
        if not (isinstance(stmt, ast.ImportFrom) and _absolute(stmt, path, root) == old):
            continue
        if not any(a.name == name for a in stmt.names):
            continue
        if any(a.name == name and a.asname for a in stmt.names):
            raise RefactorRefused(f"{os.path.relpath(path, root)} imports `{name}` under another name")
        keep = [a for a in stmt.names if a.name != name]
        start, end = stmt.lineno - 1, stmt.end_lineno or stmt.lineno
        lines[start:end] = [_render_import(stmt, keep, lines[start])] if keep else []
        moved = True
    if not moved:
        return text
    return _import_from("\n".join(lines), path, new, name, root)
