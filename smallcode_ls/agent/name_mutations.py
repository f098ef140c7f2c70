"""More mutants for test-judged repair: one name swapped for a sibling, one arithmetic slip undone,
one step a sibling method takes added, one raw value replaced by the variable computed from it,
one call given the function another call in the unit makes.

Wrong results often come from a right-looking name that is the wrong one of a family:
`cal.is_holiday(day)` where the class also has `is_day_off`, `schema.COL_REGION` for
`COL_STORE`, `graph.dependencies_of` for `dependents_of`; or from one arithmetic token too
many: `page_bounds(number - 1, ...)`, `-next(counter)`, `a - b` for `b - a`; or from a step
forgotten that the class takes elsewhere (`put` calls `move_to_end`, `get` should); or from the
wrong one of two measures the code uses side by side (`len(piece)` next to
`display_width(word)`). A small model asked to fix such code tends to send it back unchanged.
Each mutant here changes one token; the caller runs the tests on each and keeps the first that
passes, as mutation-based program repair does.
"""

from __future__ import annotations

import ast
import builtins
import difflib
import re
import textwrap
from collections.abc import Callable

from .mutations import hide_strings_and_comments

SIBLINGS_PER_NAME = 3
_BUILTINS = frozenset(dir(builtins))
_MEMBER = re.compile(r"(?<=\.)([A-Za-z_]\w*)\b|(?<![\w.])([A-Z][A-Z0-9]*_[A-Z0-9_]+)\b")


def sibling_mutants(text: str, lang: str, siblings: Callable[[str], list[str]], limit: int = 12) -> list[str]:
    """Versions of `text` with one member name (`.is_holiday`, `.COL_REGION`) or constant
    (`COL_REGION`) replaced by a sibling `siblings(name)` names, likeliest first: siblings with
    the most similar names, nearest occurrences first."""
    masked = hide_strings_and_comments(text, lang)
    first_line = masked.find("\n") + 1  # not the unit's own name in its signature
    per_place: list[list[str]] = []
    cache: dict[str, list[str]] = {}
    for match in _MEMBER.finditer(masked, first_line):
        name = match.group(1) or match.group(2)
        if name not in cache:
            cache[name] = _most_similar(name, siblings(name))[:SIBLINGS_PER_NAME]
        per_place.append([text[: match.start()] + other + text[match.end() :] for other in cache[name]])
    # The likeliest sibling at every place first, then the next likeliest at each.
    found: list[str] = []
    for rank in range(SIBLINGS_PER_NAME):
        for variants in per_place:
            if rank < len(variants) and variants[rank] not in found:
                found.append(variants[rank])
    return found[:limit]


class _Source:
    """A Python unit dedented and parsed, with the text span of each node and a way to write back
    a one-span change at the unit's own indentation."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.indent = text[: len(text) - len(text.lstrip())].split("\n")[-1]
        self.code = textwrap.dedent(text)
        self.tree = ast.parse(self.code)  # SyntaxError for the caller
        self.lines = self.code.split("\n")
        self.offsets = [0]
        for line in self.lines:
            self.offsets.append(self.offsets[-1] + len(line) + 1)

    def _index(self, line: int, col: int) -> int:
        return self.offsets[line - 1] + len(self.lines[line - 1].encode()[:col].decode(errors="ignore"))

    def span(self, node: ast.expr) -> tuple[int, int]:
        return self._index(node.lineno, node.col_offset), self._index(
            node.end_lineno or node.lineno, node.end_col_offset or 0
        )

    def source(self, node: ast.expr) -> str:
        return self.code[slice(*self.span(node))]

    def replaced(self, start: int, end: int, new: str) -> str:
        return textwrap.indent(self.code[:start] + new + self.code[end:], self.indent)


def _parsed(text: str) -> _Source | None:
    try:
        return _Source(text)
    except SyntaxError:
        return None


def arithmetic_mutants(text: str, limit: int = 16) -> list[str]:
    """Versions of a Python unit with one arithmetic slip undone: a `+ 1` or `- 1` dropped, a unary
    minus dropped, the operands of a subtraction swapped."""
    src = _parsed(text)
    if src is None:
        return []
    found: list[str] = []

    def add(start: int, end: int, new: str) -> None:
        variant = src.replaced(start, end, new)
        if variant != text and variant not in found:
            found.append(variant)

    for node in ast.walk(src.tree):
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
            start, end = src.span(node)
            left, right = src.source(node.left), src.source(node.right)
            if isinstance(node.right, ast.Constant) and node.right.value == 1:
                add(start, end, left)
            constant = isinstance(node.left, ast.Constant) or isinstance(node.right, ast.Constant)
            if isinstance(node.op, ast.Sub) and not constant:
                add(start, end, f"{right} - {left}")
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            start, end = src.span(node)
            add(start, end, src.source(node.operand))
    return found[:limit]


_COMPUTED = (ast.BinOp, ast.UnaryOp, ast.BoolOp, ast.IfExp, ast.Call)


def derived_value_mutants(text: str, limit: int = 6) -> list[str]:
    """Versions of a Python function with one later use of a name replaced by the variable computed
    from it: after `total = best[stop] + minutes`, `heappush(heap, (minutes, nxt))` where `total`
    was meant. Only uses as a plain value (not `minutes.x`, `minutes[i]` or `minutes()`), nearest
    to the assignment first."""
    src = _parsed(text)
    if src is None or not src.tree.body or not isinstance(src.tree.body[0], (ast.FunctionDef, ast.AsyncFunctionDef)):
        return []
    function = src.tree.body[0]
    not_plain: set[int] = set()
    for node in ast.walk(function):
        if isinstance(node, (ast.Attribute, ast.Subscript)):
            not_plain.add(id(node.value))
        elif isinstance(node, ast.Call):
            not_plain.add(id(node.func))
    loads = [
        n
        for n in ast.walk(function)
        if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and id(n) not in not_plain
    ]
    ranked: list[tuple[int, str]] = []
    for node in ast.walk(function):
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        if not isinstance(target, ast.Name) or not isinstance(value, _COMPUTED):
            continue  # a copy, a constant or a container built around a name is no derived value
        sources = {n.id for n in ast.walk(value) if isinstance(n, ast.Name) and id(n) not in not_plain}
        sources.discard(target.id)
        end = node.end_lineno or node.lineno
        for use in loads:
            if use.id in sources and use.lineno > end:
                ranked.append((use.lineno - end, src.replaced(*src.span(use), target.id)))
    found: list[str] = []
    for _, variant in sorted(ranked, key=lambda pair: pair[0]):
        if variant != text and variant not in found:
            found.append(variant)
    return found[:limit]


def callee_mutants(text: str, limit: int = 6) -> list[str]:
    """Versions of a Python unit with one plain call given the function another plain call in it
    makes with as many arguments: `len(piece)` where the same loop measures words with
    `display_width(word)`. Capitalised callees (classes, exceptions) and calls with keywords or
    `*args` are left alone; a builtin given one of the code's own functions first."""
    src = _parsed(text)
    if src is None:
        return []
    calls: list[tuple[ast.Call, ast.Name]] = sorted(
        (
            (node, node.func)
            for node in ast.walk(src.tree)
            if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and not node.func.id[:1].isupper()
            and node.args
            and not node.keywords
            and not any(isinstance(arg, ast.Starred) for arg in node.args)
        ),
        key=lambda pair: (pair[0].lineno, pair[0].col_offset),
    )
    ranked: list[tuple[int, str]] = []
    for call, callee in calls:
        others = dict.fromkeys(name.id for other, name in calls if len(other.args) == len(call.args))
        for other_name in others:
            if other_name != callee.id:
                # A builtin where the code's own function was meant is the likeliest slip; a
                # builtin for one of the code's functions the least likely.
                rank = 2 if other_name in _BUILTINS else 0 if callee.id in _BUILTINS else 1
                ranked.append((rank, src.replaced(*src.span(callee), other_name)))
    found: list[str] = []
    for _, variant in sorted(ranked, key=lambda pair: pair[0]):
        if variant != text and variant not in found:
            found.append(variant)
    return found[:limit]


def _most_similar(name: str, others: list[str]) -> list[str]:
    unique = [o for o in dict.fromkeys(others) if o != name]
    return sorted(unique, key=lambda o: -difflib.SequenceMatcher(None, name, o).ratio())


def transplant_mutants(unit_text: str, class_text: str, limit: int = 12) -> list[str]:
    """Versions of a Python method with one call statement a sibling method makes
    (`self._data.move_to_end(key)`) inserted before one of its returns, or at its end: a step the
    method forgot that the class does elsewhere. Only statements whose names (besides `self`)
    the method itself has."""
    try:
        method = ast.parse(textwrap.dedent(unit_text)).body[0]
        cls = ast.parse(textwrap.dedent(class_text)).body[0]
    except (SyntaxError, IndexError):
        return []
    if not isinstance(method, (ast.FunctionDef, ast.AsyncFunctionDef)) or not isinstance(cls, ast.ClassDef):
        return []
    known = {a.arg for a in ast.walk(method.args) if isinstance(a, ast.arg)}
    known |= {n.id for n in ast.walk(method) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    own = {ast.unparse(n) for n in ast.walk(method) if isinstance(n, ast.Expr)}
    statements: list[str] = []
    for sibling in cls.body:
        if not isinstance(sibling, (ast.FunctionDef, ast.AsyncFunctionDef)) or sibling.name == method.name:
            continue
        for node in ast.walk(sibling):
            if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)):
                continue
            names = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} - {"self"}
            source = ast.unparse(node)
            if names <= known and source not in own and "\n" not in source and source not in statements:
                statements.append(source)
    lines = unit_text.split("\n")
    first = len(unit_text) - len(unit_text.lstrip())
    offset = unit_text[:first].count("\n")  # the unit text's lines start with the def
    places = [n.lineno - 1 + offset for n in ast.walk(method) if isinstance(n, ast.Return)]
    body_end = (method.body[-1].end_lineno or method.body[-1].lineno) + offset
    if not isinstance(method.body[-1], ast.Return):
        places.append(body_end)
    found: list[str] = []
    for statement in statements:
        for place in sorted(set(places), reverse=True):  # the last return first: the path that succeeded
            anchor = lines[place] if place < len(lines) and lines[place].strip() else lines[place - 1]
            indent = anchor[: len(anchor) - len(anchor.lstrip())]
            variant = "\n".join([*lines[:place], indent + statement, *lines[place:]])
            if variant not in found:
                found.append(variant)
    return found[:limit]
