"""Turning a Python method into a read-only property, done by the harness.

Mechanical when the method takes only `self` and no class outside the one asked
for (and its subclasses) has a method of that name: `@property` goes on each
definition and every `x.name()` in the workspace becomes `x.name`. Anything that
needs judgement (arguments, a bare `Class.name` reference, another class with the
same method) leaves the task to the model.
"""

from __future__ import annotations

import ast
import os
import re
from dataclasses import dataclass

from .refactors import RefactorRefused

_METHOD_OF = re.compile(
    r"\b(?:turn|make|convert|change)\s+(?:the\s+)?`?(\w+)(?:\(\))?`?\s+method\s+(?:of|on|in)\s+(?:the\s+)?"
    r"(?:class\s+)?`?(\w+)`?(?:(?!\.\s).)*?\b(?:into|to)\s+an?\s+(?:read-only\s+)?property",
    re.IGNORECASE,
)
_DOTTED = re.compile(
    r"\b(?:turn|make|convert|change)\s+`(\w+)\.(\w+)(?:\(\))?`\s+(?:into\s+|to\s+)?an?\s+(?:read-only\s+)?property",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PropertyRequest:
    cls: str
    method: str


def parse_to_property(instruction: str) -> PropertyRequest | None:
    """ "Turn the `area()` method of `Polygon` into a read-only property", "Make `Polygon.area` a
    property"."""
    match = _METHOD_OF.search(instruction)
    if match is not None:
        return PropertyRequest(match.group(2), match.group(1))
    match = _DOTTED.search(instruction)
    return PropertyRequest(match.group(1), match.group(2)) if match is not None else None


def plan_to_property(cls: str, method: str, texts: dict[str, str]) -> dict[str, str]:
    """The new text of every file that changes. `texts`: the workspace's Python files by path."""
    trees = {}
    for path, text in texts.items():
        try:
            trees[path] = ast.parse(text)
        except SyntaxError:
            if method in text:
                raise RefactorRefused(f"{os.path.basename(path)} does not parse") from None
    classes = [
        (path, node) for path, tree in trees.items() for node in ast.walk(tree) if isinstance(node, ast.ClassDef)
    ]
    if sum(node.name == cls for _, node in classes) != 1:
        raise RefactorRefused(f"class `{cls}` is not defined exactly once in the workspace")
    family = {cls}
    grew = True
    while grew:
        grew = False
        for _, node in classes:
            if node.name not in family and any(_base_name(b) in family for b in node.bases):
                family.add(node.name)
                grew = True
    definitions: list[tuple[str, ast.FunctionDef]] = []
    owners = set()
    for path, node in classes:
        for item in node.body:
            if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name == method:
                if node.name not in family:
                    raise RefactorRefused(f"`{node.name}` has a `{method}` method too")
                if not isinstance(item, ast.FunctionDef) or not _only_self(item):
                    raise RefactorRefused(f"`{node.name}.{method}` takes arguments besides self")
                definitions.append((path, item))
                owners.add(node.name)
    if cls not in owners:
        raise RefactorRefused(f"`{cls}` has no `{method}` method")

    changes: dict[str, str] = {}
    for path, tree in trees.items():
        cuts = _call_parentheses(tree, method, path)
        decorate = [d for p, d in definitions if p == path and not _is_property(d)]
        if not cuts and not decorate:
            continue
        lines = texts[path].split("\n")
        for line, start, end in sorted(cuts, reverse=True):
            raw = lines[line].encode()
            lines[line] = (raw[:start] + raw[end:]).decode()
        for definition in sorted(decorate, key=lambda d: d.lineno, reverse=True):
            first = min([definition.lineno, *(d.lineno for d in definition.decorator_list)]) - 1
            indent = lines[first][: len(lines[first]) - len(lines[first].lstrip())]
            lines.insert(first, f"{indent}@property")
        changes[path] = "\n".join(lines)
    return changes


def _base_name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else ""


def _only_self(node: ast.FunctionDef) -> bool:
    args = node.args
    return len(args.posonlyargs) + len(args.args) == 1 and not args.vararg and not args.kwarg and not args.kwonlyargs


def _is_property(node: ast.FunctionDef) -> bool:
    return any(isinstance(d, ast.Name) and d.id == "property" for d in node.decorator_list)


def _call_parentheses(tree: ast.Module, method: str, path: str) -> list[tuple[int, int, int]]:
    """(line, start byte, end byte) of the `()` after every `x.method`. Raises RefactorRefused for
    a call with arguments or a use of `x.method` that is not a call."""
    called: set[int] = set()
    cuts = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == method:
            where = f"{os.path.basename(path)}:{node.lineno}"
            if node.args or node.keywords:
                raise RefactorRefused(f"{where} calls `{method}` with arguments")
            func = node.func
            line = node.end_lineno
            if line is None or func.end_lineno != line or func.end_col_offset is None or node.end_col_offset is None:
                raise RefactorRefused(f"{where}: a call spread over lines")
            called.add(id(func))
            cuts.append((line - 1, func.end_col_offset, node.end_col_offset))
    for node in ast.walk(tree):
        loaded = isinstance(node, ast.Attribute) and node.attr == method and isinstance(node.ctx, ast.Load)
        if loaded and id(node) not in called:
            raise RefactorRefused(f"{os.path.basename(path)}:{getattr(node, 'lineno', 0)} uses `{method}` uncalled")
    return cuts
