"""An undefined name that a loop's `_` placeholder stands where it should be bound.

A small model that reshapes a tuple often keeps the old unpacking: `shown` now holds
`(count, name, letter)`, and the answer reads `[plural(count, name) for count, _, _ in shown]`,
where `name` is undefined. The tuple built with `name` in the same function says which `_` it
is; with one `_` there is no choice to make.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

_Comprehension = ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp


def named_placeholder(text: str, line: int, name: str) -> str | None:
    """`text` with the `_` in a loop or comprehension target renamed `name`, where `name` is
    read undefined on 0-based `line` inside that loop; None when no placeholder is the one."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return None
    for scope in _scopes(tree):
        if _binds(scope, name):
            continue  # defined in this scope after all: not ours to rename
        for target, body in _loops(scope):
            if not any(
                isinstance(n, ast.Name) and n.id == name and n.lineno == line + 1 and isinstance(n.ctx, ast.Load)
                for part in body
                for n in ast.walk(part)
            ):
                continue
            slot = _which_placeholder(scope, target, name)
            if slot is None:
                return None
            return _rename(text, slot, name)
    return None


def _scopes(tree: ast.Module) -> Iterator[ast.AST]:
    yield from (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef))
    yield tree


def _binds(scope: ast.AST, name: str) -> bool:
    """Whether the scope itself (not a nested function) binds `name`."""
    nodes = [scope]
    while nodes:
        node = nodes.pop()
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda | _Comprehension):
                # Their own scopes; a comprehension's targets do not leak out of it.
                if getattr(child, "name", None) == name:
                    return True
                continue
            if isinstance(child, ast.Name) and child.id == name and isinstance(child.ctx, ast.Store):
                return True
            if isinstance(child, ast.arg) and child.arg == name:
                return True
            nodes.append(child)
    return isinstance(scope, ast.FunctionDef | ast.AsyncFunctionDef) and any(
        a.arg == name for a in ast.walk(scope.args) if isinstance(a, ast.arg)
    )


def _own_nodes(scope: ast.AST) -> Iterator[ast.AST]:
    """The scope's nodes, not those of the functions and classes defined in it."""
    nodes = list(ast.iter_child_nodes(scope))
    while nodes:
        node = nodes.pop()
        yield node
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Lambda):
            nodes.extend(ast.iter_child_nodes(node))


def _loops(scope: ast.AST) -> Iterator[tuple[ast.Tuple, list[ast.AST]]]:
    """Each tuple target with a `_` in the scope, and the code that runs with it bound."""
    for node in _own_nodes(scope):
        if isinstance(node, ast.For | ast.AsyncFor) and isinstance(node.target, ast.Tuple):
            yield node.target, list(node.body)
        elif isinstance(node, _Comprehension):
            tail: list[ast.AST] = [node.key, node.value] if isinstance(node, ast.DictComp) else [node.elt]
            for generator in node.generators:
                if isinstance(generator.target, ast.Tuple):
                    yield generator.target, [*generator.ifs, *tail]


def _which_placeholder(scope: ast.AST, target: ast.Tuple, name: str) -> ast.Name | None:
    """The `_` that stands for `name`: the only one, or the one at the position `name` has in a
    tuple of the same length built in the scope."""
    holes = [i for i, elt in enumerate(target.elts) if isinstance(elt, ast.Name) and elt.id == "_"]
    if not holes:
        return None
    if len(holes) == 1:
        found = target.elts[holes[0]]
        return found if isinstance(found, ast.Name) else None
    places = {
        i
        for node in _own_nodes(scope)
        if isinstance(node, ast.Tuple) and len(node.elts) == len(target.elts) and node is not target
        for i, elt in enumerate(node.elts)
        if isinstance(elt, ast.Name) and elt.id == name
    }
    chosen = [i for i in holes if i in places]
    if len(chosen) != 1:
        return None
    found = target.elts[chosen[0]]
    return found if isinstance(found, ast.Name) else None


def _rename(text: str, node: ast.Name, name: str) -> str:
    lines = text.split("\n")
    raw = lines[node.lineno - 1].encode()
    lines[node.lineno - 1] = (raw[: node.col_offset] + name.encode() + raw[node.end_col_offset or 0 :]).decode()
    return "\n".join(lines)
