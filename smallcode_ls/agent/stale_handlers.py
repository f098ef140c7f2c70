"""Handlers an edit leaves behind: `except KeyError` around a call that no longer raises it.

Asked to make `get` return a default instead of raising KeyError "and update the code that
relied on the KeyError", a small model changes `get` and sends its callers back unchanged: their
`try: self.get(key) except KeyError:` still lints and still passes tests that never reach the
missing case, but the handler is dead and the caller now gets the default where it expected the
error. Python only.
"""

from __future__ import annotations

import ast
import textwrap


def raised_names(code: str) -> set[str]:
    """The exception names a piece of code raises itself (`raise KeyError(key)`, `raise Gone`)."""
    tree = _parse(code)
    if tree is None:
        return set()
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and node.exc is not None:
            raised = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            name = _last_name(raised)
            if name:
                found.add(name)
    return found


def stale_handlers(code: str, dropped: dict[str, set[str]]) -> list[str]:
    """Feedback for each `try` in `code` that calls a function this edit stopped raising an
    exception from (`dropped`: function name -> exception names) and still catches it."""
    tree = _parse(code)
    if tree is None or not dropped:
        return []
    found: list[str] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Try):
            continue
        called = {
            name
            for stmt in node.body
            for call in ast.walk(stmt)
            if isinstance(call, ast.Call) and (name := _last_name(call.func)) in dropped
        }
        for handler in node.handlers:
            caught = _caught(handler.type)
            for callee in sorted(called):
                for exception in sorted(caught & dropped[callee]):
                    found.append(
                        f"`{callee}` no longer raises `{exception}` (this edit changed it), so this "
                        f"`except {exception}` around the call to `{callee}` never runs: handle what "
                        f"`{callee}` returns now instead"
                    )
    return list(dict.fromkeys(found))


def _caught(type_: ast.expr | None) -> set[str]:
    if type_ is None:
        return set()
    items = type_.elts if isinstance(type_, ast.Tuple) else [type_]
    return {name for item in items if (name := _last_name(item))}


def _last_name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def _parse(code: str) -> ast.Module | None:
    try:
        return ast.parse(textwrap.dedent(code))
    except (SyntaxError, ValueError):
        return None
