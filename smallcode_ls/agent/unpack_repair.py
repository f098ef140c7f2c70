"""A tuple unpacked from an object whose attributes have the unpacked names, read by attribute.

When an edit makes `parse_slot` return a `Slot(start, end)` instead of the tuple `(start, end)`,
every `start, end = parse_slot(text)` it leaves behind is a type error (`"Slot" object is not
iterable`) with one right fix, and a small model told so often sends the same code back. Where
each unpacked name is an attribute of the class, the harness rewrites the unpacking itself:

    start, end = parse_slot(text)            the_slot = parse_slot(text)
                                       ->    start, end = the_slot.start, the_slot.end
    for start, end in slots:                 for slot in slots:
                                       ->        start, end = slot.start, slot.end
    [Slot(s, e) for s, e in slots]     ->    (only when the names are attributes: `start`, `end`)
    [f(start) for start, end in slots] ->    [f(slot.start) for slot in slots]

Names that are not attributes (`s, e = parse_slot(text)`) are left to the model: matching them by
position would be a guess.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Collection, Iterator

# `"Slot" object is not iterable`
NOT_ITERABLE = re.compile(r'^"(\w+)" object is not iterable')

_Comprehension = ast.ListComp | ast.SetComp | ast.GeneratorExp | ast.DictComp


def unpacked_class(message: str) -> str | None:
    """The class a mypy message says was unpacked like a tuple, else None."""
    match = NOT_ITERABLE.match(message)
    return match.group(1) if match else None


def read_by_attributes(text: str, line: int, class_name: str, members: Collection[str]) -> str | None:
    """`text` with the unpacking on 0-based `line` of an object of `class_name` rewritten to read
    `members` by attribute; None when that line has no such unpacking, a name is not a member, or
    the rewrite could change what the code means (a name reused inside a nested scope)."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return None
    lines = text.split("\n")
    for node, scope in _unpackings(tree, line + 1):
        names = _target_names(node)
        if names is None or not set(names) <= set(members):
            continue
        var = _free_name(_snake(class_name), scope, names)
        if isinstance(node, ast.Assign):
            edits = _assign_edits(lines, node, var, names)
        elif isinstance(node, ast.For):
            edits = _for_edits(lines, node, var, names)
        else:
            edits = _comprehension_edits(node, scope, var, names)
        if edits is not None:
            return _apply(lines, edits)
    return None


# An edit: (start line, start column, end line, end column) in ast terms (1-based lines, columns
# in UTF-8 bytes), and the replacement text.
_Edit = tuple[tuple[int, int, int, int], str]


def _unpackings(tree: ast.Module, lineno: int) -> Iterator[tuple[ast.AST, ast.AST]]:
    """Each tuple unpacking whose lines include `lineno`, innermost first, with its scope: the
    enclosing function (or module) for a statement, the comprehension for a comprehension target."""
    found: list[tuple[int, ast.AST, ast.AST]] = []

    def visit(node: ast.AST, scope: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            inner = child if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda) else scope
            # A loop's error is on its header: the target and what it runs over.
            last = child.iter.end_lineno if isinstance(child, ast.For) else getattr(child, "end_lineno", 0)
            if isinstance(child, ast.Assign | ast.For) and child.lineno <= lineno <= (last or 0):
                found.append((child.lineno, child, scope))
            if isinstance(child, _Comprehension):
                for generator in child.generators:
                    first = generator.target.lineno
                    if first <= lineno <= (generator.iter.end_lineno or first):
                        found.append((first, generator, child))
            visit(child, inner)

    visit(tree, tree)
    for _, node, scope in sorted(found, key=lambda item: -item[0]):
        yield node, scope


def _target_names(node: ast.AST) -> list[str] | None:
    if isinstance(node, ast.Assign):
        if len(node.targets) != 1:
            return None
        target = node.targets[0]
    elif isinstance(node, ast.For | ast.comprehension):
        target = node.target
    else:
        return None
    if not isinstance(target, ast.Tuple | ast.List) or not target.elts:
        return None
    names = [elt.id for elt in target.elts if isinstance(elt, ast.Name)]
    return names if len(names) == len(target.elts) and len(set(names)) == len(names) else None


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])([A-Z])", r"_\1", name).lower()


def _free_name(base: str, scope: ast.AST, taken: list[str]) -> str:
    """`base`, or `the_base`, ... : a name the scope does not use yet."""
    used = {n.id for n in ast.walk(scope) if isinstance(n, ast.Name)} | {
        a.arg for a in ast.walk(scope) if isinstance(a, ast.arg)
    }
    for candidate in (base, f"the_{base}", f"{base}_value"):
        if candidate not in used and candidate not in taken:
            return candidate
    number = 2
    while f"{base}_{number}" in used:
        number += 1
    return f"{base}_{number}"


def _reads(var: str, names: list[str]) -> str:
    return ", ".join(f"{var}.{n}" for n in names)


def _alone_on_lines(lines: list[str], node: ast.stmt) -> bool:
    """Whether the statement starts its line and nothing but a comment follows it."""
    end = node.end_lineno or node.lineno
    before = lines[node.lineno - 1].encode()[: node.col_offset].decode("utf-8", "replace")
    after = lines[end - 1].encode()[node.end_col_offset or 0 :].decode("utf-8", "replace")
    return not before.strip() and (not after.strip() or after.strip().startswith("#"))


def _assign_edits(lines: list[str], node: ast.Assign, var: str, names: list[str]) -> list[_Edit] | None:
    if not _alone_on_lines(lines, node):
        return None
    value = ast.get_source_segment("\n".join(lines), node.value)
    if value is None:
        return None
    indent = lines[node.lineno - 1][: len(lines[node.lineno - 1]) - len(lines[node.lineno - 1].lstrip())]
    target = node.targets[0]
    head = ast.get_source_segment("\n".join(lines), target) or ", ".join(names)
    new = f"{var} = {value}\n{indent}{head} = {_reads(var, names)}"
    return [(_position(node), new)]


def _for_edits(lines: list[str], node: ast.For, var: str, names: list[str]) -> list[_Edit] | None:
    first = node.body[0]
    if first.lineno == node.lineno or node.type_comment:
        return None  # `for a, b in pairs: use(a)` on one line
    body_line = lines[first.lineno - 1]
    indent = body_line[: len(body_line) - len(body_line.lstrip())]
    head = ast.get_source_segment("\n".join(lines), node.target) or ", ".join(names)
    head = head[1:-1] if head.startswith(("(", "[")) else head
    reads = f"{indent}{head} = {_reads(var, names)}\n"
    return [(_position(node.target), var), ((first.lineno, 0, first.lineno, 0), reads)]


def _comprehension_edits(node: ast.AST, scope: ast.AST, var: str, names: list[str]) -> list[_Edit] | None:
    """The target becomes `var`; each read of a name after it in the comprehension, `var.name`.
    Not when a later generator, a nested comprehension or a lambda binds one of the names again."""
    assert isinstance(node, ast.comprehension) and isinstance(scope, _Comprehension)
    later = scope.generators[scope.generators.index(node) + 1 :]
    parts: list[ast.AST] = [*node.ifs]
    for generator in later:
        parts += [generator.target, generator.iter, *generator.ifs]
    parts += [scope.key, scope.value] if isinstance(scope, ast.DictComp) else [scope.elt]
    edits: list[_Edit] = []
    wanted = set(names)
    for part in parts:
        for sub in ast.walk(part):
            if isinstance(sub, ast.Lambda | _Comprehension):
                return None
            if isinstance(sub, ast.Name) and sub.id in wanted:
                if not isinstance(sub.ctx, ast.Load):
                    return None
                edits.append((_position(sub), f"{var}.{sub.id}"))
    edits.append((_position(node.target), var))
    return edits


def _position(node: ast.expr | ast.stmt) -> tuple[int, int, int, int]:
    return (node.lineno, node.col_offset, node.end_lineno or node.lineno, node.end_col_offset or 0)


def _apply(lines: list[str], edits: list[_Edit]) -> str:
    """The edits applied from the last to the first, so earlier positions stay true."""
    encoded = [line.encode() for line in lines]
    for (start_line, start_col, end_line, end_col), new in sorted(edits, key=lambda e: e[0][:2], reverse=True):
        head = encoded[start_line - 1][:start_col]
        tail = encoded[end_line - 1][end_col:]
        replaced = (head + new.encode() + tail).split(b"\n")
        encoded[start_line - 1 : end_line] = replaced
    return "\n".join(line.decode("utf-8") for line in encoded)
