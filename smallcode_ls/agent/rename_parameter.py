"""Renaming a parameter of Python functions, done by the harness.

The parameter, its uses in the function's body (and its docstring), and every
call that passes it by keyword. Mechanical when each function is defined once in
the workspace and the new name is free in its body; otherwise the model takes it.
"""

from __future__ import annotations

import ast
import keyword
import os
import re
from dataclasses import dataclass

from .refactors import RefactorRefused

_RENAME_PARAMETER = re.compile(
    r"\brename\s+the\s+`(\w+)`\s+(?:parameter|argument|keyword(?:\s+argument)?)\s+of\s+"
    r"((?:`[\w.]+`(?:\(\))?(?:\s*,\s*|\s+and\s+|\s*)?)+)"
    r"(?:(?!\.\s).)*?\bto\s+`(\w+)`",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ParameterRename:
    functions: tuple[str, ...]
    old: str
    new: str


def parse_parameter_rename(instruction: str) -> ParameterRename | None:
    """ "Rename the `fmt` parameter of `export_report` and `export_to_file` in reports/export.py to
    `output_format`"."""
    match = _RENAME_PARAMETER.search(instruction)
    if match is None:
        return None
    old, new = match.group(1), match.group(3)
    functions = tuple(name.rsplit(".", 1)[-1] for name in re.findall(r"`([\w.]+)`", match.group(2)))
    if old == new or keyword.iskeyword(new) or not functions:
        return None
    return ParameterRename(functions, old, new)


def plan_parameter_rename(request: ParameterRename, texts: dict[str, str]) -> dict[str, str]:
    """The new text of every file that changes. `texts`: the workspace's Python files by path."""
    trees: dict[str, ast.Module] = {}
    for path, text in texts.items():
        try:
            trees[path] = ast.parse(text)
        except SyntaxError:
            if request.old in text:
                raise RefactorRefused(f"{os.path.basename(path)} does not parse") from None
    spans: dict[str, list[tuple[int, int]]] = {}  # path -> (line index, byte column) of each `old`
    for name in request.functions:
        definitions = [
            (path, node)
            for path, tree in trees.items()
            for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name
        ]
        if len(definitions) != 1:
            raise RefactorRefused(f"`{name}` is defined {len(definitions)} times in the workspace")
        home, definition = definitions[0]
        spans.setdefault(home, []).extend(_in_definition(definition, request.old, request.new))
    for path, tree in trees.items():
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call) or _called_name(call.func) not in request.functions:
                continue
            for kw in call.keywords:
                if kw.arg == request.old:
                    spans.setdefault(path, []).append((kw.lineno - 1, kw.col_offset))
    changes: dict[str, str] = {}
    for path, places in spans.items():
        lines = texts[path].split("\n")
        for line, col in sorted(set(places), reverse=True):
            raw = lines[line].encode()
            if raw[col : col + len(request.old)] != request.old.encode():
                raise RefactorRefused(f"{os.path.basename(path)}:{line + 1}: `{request.old}` not where parsed")
            lines[line] = (raw[:col] + request.new.encode() + raw[col + len(request.old) :]).decode()
        changes[path] = _in_docstrings(trees[path], "\n".join(lines), request)
    return changes


def _called_name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else ""


def _in_definition(node: ast.FunctionDef | ast.AsyncFunctionDef, old: str, new: str) -> list[tuple[int, int]]:
    """Where `old` stands in the function: the parameter and each use in the body."""
    args = node.args
    params = [*args.posonlyargs, *args.args, *args.kwonlyargs, args.vararg, args.kwarg]
    param = next((a for a in params if a is not None and a.arg == old), None)
    if param is None:
        raise RefactorRefused(f"`{node.name}` has no parameter `{old}`")
    spans = [(param.lineno - 1, param.col_offset)]
    for inner in ast.walk(node):
        if inner is node:
            continue
        if isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            inner_params = [a.arg for a in ast.walk(inner.args) if isinstance(a, ast.arg)]
            if old in inner_params or new in inner_params:
                raise RefactorRefused(f"a function inside `{node.name}` has its own `{old}` or `{new}`")
        if isinstance(inner, ast.Name):
            if inner.id == new:
                raise RefactorRefused(f"`{new}` is already used in `{node.name}`")
            if inner.id == old:
                spans.append((inner.lineno - 1, inner.col_offset))
    if any(a is not None and a.arg == new for a in params):
        raise RefactorRefused(f"`{node.name}` already has a parameter `{new}`")
    return spans


def _in_docstrings(tree: ast.Module, text: str, request: ParameterRename) -> str:
    """The renamed functions' docstrings naming the parameter in backquotes follow the rename."""
    lines = text.split("\n")
    for node in ast.walk(tree):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) or node.name not in request.functions:
            continue
        doc = node.body[0] if node.body else None
        if not (isinstance(doc, ast.Expr) and isinstance(doc.value, ast.Constant) and isinstance(doc.value.value, str)):
            continue
        for number in range(doc.lineno - 1, doc.end_lineno or doc.lineno):
            lines[number] = lines[number].replace(f"`{request.old}`", f"`{request.new}`")
    return "\n".join(lines)
