"""Repairs for shared mutable data, the Python bugs a test sees only on the second call: a
mutable default argument (`history: list[Step] = []`, one list for every call) and a shallow
copy of nested data (`config = dict(defaults)`, then `config[section].update(...)` changes the
defaults). A small model reads such code as right. Each repair is a candidate the tests judge.
"""

from __future__ import annotations

import ast
import textwrap

_EMPTY_CALLS = ("list", "dict", "set")
_SHALLOW_CALLS = ("dict", "list")


def _function(text: str) -> tuple[str, ast.FunctionDef | ast.AsyncFunctionDef] | None:
    code = textwrap.dedent(text)
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return None
    if not tree.body or not isinstance(tree.body[0], (ast.FunctionDef, ast.AsyncFunctionDef)):
        return None
    return code, tree.body[0]


def _mutable(node: ast.expr) -> bool:
    if isinstance(node, (ast.List, ast.Dict, ast.Set)):
        return True
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in _EMPTY_CALLS
        and not node.args
        and not node.keywords
    )


def without_mutable_defaults(text: str) -> str | None:
    """The function with each mutable default (`= []`, `= {}`, `= set()`) made `None` and a fresh
    value made at the top of its body; None when it has none."""
    found = _function(text)
    if found is None:
        return None
    code, function = found
    args = function.args
    positional = [*args.posonlyargs, *args.args]
    pairs = list(zip(positional[len(positional) - len(args.defaults) :], args.defaults, strict=True))
    pairs += [(a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d is not None]
    mutable = [(arg, default) for arg, default in pairs if _mutable(default)]
    if not mutable or function.body[0].lineno == function.lineno:
        return None  # none, or a body on the `def` line: nowhere to put the fresh value
    lines = code.split("\n")
    # Edit from the end so earlier positions stay right.
    for arg, default in sorted(mutable, key=lambda pair: (pair[1].lineno, pair[1].col_offset), reverse=True):
        line = lines[default.lineno - 1]
        end_line = default.end_lineno or default.lineno
        if end_line != default.lineno:
            return None  # a default written over several lines: leave it to the model
        lines[default.lineno - 1] = line[: default.col_offset] + "None" + line[default.end_col_offset or 0 :]
        if arg.annotation is not None and (arg.annotation.end_lineno or 0) == arg.annotation.lineno:
            a = arg.annotation
            row = lines[a.lineno - 1]
            annotation = row[a.col_offset : a.end_col_offset]
            if "None" not in annotation and "Optional" not in annotation:
                lines[a.lineno - 1] = row[: a.end_col_offset] + " | None" + row[a.end_col_offset :]
    body = function.body
    first = body[0]
    indent = " " * first.col_offset
    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):  # after the docstring
        insert_at = body[1].lineno - 1 if len(body) > 1 else first.end_lineno or first.lineno
    else:
        insert_at = first.lineno - 1
    fresh = []
    for arg, default in mutable:
        value = ast.get_source_segment(code, default) or "[]"
        fresh += [f"{indent}if {arg.arg} is None:", f"{indent}    {arg.arg} = {value}"]
    lines[insert_at:insert_at] = fresh
    original_indent = text[: len(text) - len(text.lstrip())].split("\n")[-1]
    return textwrap.indent("\n".join(lines), original_indent)


def deep_copy_mutants(text: str, limit: int = 4) -> list[str]:
    """Versions of a Python function with one shallow copy of a name (`dict(defaults)`,
    `list(rows)`, `defaults.copy()`, `copy.copy(x)`) made a `copy.deepcopy`; the caller adds
    `import copy` where it is missing."""
    found = _function(text)
    if found is None:
        return []
    code, function = found
    lines = code.split("\n")
    variants: list[str] = []
    for node in ast.walk(function):
        if not isinstance(node, ast.Call) or node.keywords or node.lineno != node.end_lineno:
            continue
        func = node.func
        copied: ast.expr | None = None
        if isinstance(func, ast.Name) and func.id in _SHALLOW_CALLS and len(node.args) == 1:
            copied = node.args[0]
        elif isinstance(func, ast.Attribute) and func.attr == "copy" and not node.args:
            if isinstance(func.value, ast.Name) and func.value.id == "copy":
                continue  # `copy.copy()` with no argument
            copied = func.value
        elif (
            isinstance(func, ast.Attribute)
            and func.attr == "copy"
            and isinstance(func.value, ast.Name)
            and func.value.id == "copy"
            and len(node.args) == 1
        ):
            copied = node.args[0]
        if not isinstance(copied, (ast.Name, ast.Attribute)):
            continue  # `list(range(3))` or `dict(a=1)`: building, not copying
        row = lines[node.lineno - 1]
        source = ast.get_source_segment(code, copied)
        changed = row[: node.col_offset] + f"copy.deepcopy({source})" + row[node.end_col_offset or 0 :]
        variant = "\n".join([*lines[: node.lineno - 1], changed, *lines[node.lineno :]])
        if variant not in variants:
            variants.append(variant)
    original_indent = text[: len(text) - len(text.lstrip())].split("\n")[-1]
    return [textwrap.indent(v, original_indent) for v in variants[:limit]]
