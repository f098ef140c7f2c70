"""Compile and render templates.

Syntax:
    {{ expr }}                   output an expression (see Template.eval_expression)
    {% if expr %}...{% else %}...{% endif %}
    {% for name in expr %}...{% endfor %}   inside the loop, `loop.index` (from 1),
                                 `loop.first` and `loop.last` are available
    {# comment #}

Output of {{ }} is HTML-escaped when the template is created with
autoescape=True. With trim_blocks=True, the first newline after a {% %} tag is
removed, so block tags on their own lines leave no empty lines behind.
"""

from __future__ import annotations

import html
import re
from collections import ChainMap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Union

from .filters import FILTERS, TAKES_ARGUMENT

_TOKEN = re.compile(r"({{.*?}}|{%.*?%}|{#.*?#})", re.DOTALL)
_FOR = re.compile(r"^for\s+([A-Za-z_]\w*)\s+in\s+(.+)$")
_NAME_PATH = re.compile(r"^[A-Za-z_]\w*(\.\w+)*$")

Scope = ChainMap


class TemplateError(Exception):
    """A template that cannot be compiled or rendered."""


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING = _Missing()


# --- nodes -----------------------------------------------------------------


@dataclass
class Text:
    text: str


@dataclass
class Output:
    expr: str
    line: int


@dataclass
class If:
    expr: str
    line: int
    body: list[Node] = field(default_factory=list)
    orelse: list[Node] = field(default_factory=list)


@dataclass
class For:
    name: str
    expr: str
    line: int
    body: list[Node] = field(default_factory=list)


Node = Union[Text, Output, If, For]


# --- helpers ---------------------------------------------------------------


def lookup_path(scope: Mapping[str, Any], path: str) -> Any:
    """Resolve 'user.address.city' in `scope`.

    Each step tries a mapping key, then an attribute, then (for digits) a list
    index. Returns MISSING when any step fails.
    """
    if not _NAME_PATH.match(path):
        raise TemplateError(f"not a variable name: {path!r}")
    first, *rest = path.split(".")
    if first not in scope:
        return MISSING
    value = scope[first]
    for part in rest:
        if isinstance(value, Mapping) and part in value:
            value = value[part]
        elif hasattr(value, part):
            value = getattr(value, part)
        elif part.isdigit() and isinstance(value, (list, tuple)) and int(part) < len(value):
            value = value[int(part)]
        else:
            return MISSING
    return value


def _literal(text: str) -> Any:
    """'"quoted"' -> str, '42' -> int, else MISSING."""
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        return text[1:-1]
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    return MISSING


def _stringify(value: Any) -> str:
    if value is None:
        return ""
    if value is True or value is False:
        return "yes" if value else "no"
    return str(value)


# --- the template ----------------------------------------------------------


class Template:
    def __init__(self, source: str, autoescape: bool = False, strict: bool = False, trim_blocks: bool = False) -> None:
        self.source = source
        self.autoescape = autoescape
        self.strict = strict
        self.trim_blocks = trim_blocks
        self.nodes = self._parse(source)

    # compile

    def _parse(self, source: str) -> list[Node]:
        root: list[Node] = []
        stack: list[tuple[If | For, list[Node]]] = []
        current = root
        line = 1
        after_tag = False
        for token in _TOKEN.split(source):
            if not token:
                continue
            if after_tag and self.trim_blocks and token.startswith("\n"):
                token = token[1:]
                line += 1
                if not token:
                    continue
            after_tag = token.startswith("{%")
            if token.startswith("{#"):
                pass
            elif token.startswith("{{"):
                current.append(Output(token[2:-2].strip(), line))
            elif token.startswith("{%"):
                current = self._parse_tag(token[2:-2].strip(), line, stack, current, root)
            else:
                current.append(Text(token))
            line += token.count("\n")
        if stack:
            block = stack[-1][0]
            kind = "if" if isinstance(block, If) else "for"
            raise TemplateError(f"line {block.line}: {{% {kind} %}} is never closed")
        return root

    def _parse_tag(
        self, tag: str, line: int, stack: list[tuple[If | For, list[Node]]], current: list[Node], root: list[Node]
    ) -> list[Node]:
        word = tag.split(" ", 1)[0]
        if word == "if":
            node = If(tag[2:].strip(), line)
            current.append(node)
            stack.append((node, current))
            return node.body
        if word == "for":
            match = _FOR.match(tag)
            if not match:
                raise TemplateError(f"line {line}: expected 'for NAME in EXPR', got {tag!r}")
            node = For(match.group(1), match.group(2).strip(), line)
            current.append(node)
            stack.append((node, current))
            return node.body
        if word == "else":
            if not stack or not isinstance(stack[-1][0], If):
                raise TemplateError(f"line {line}: else outside of if")
            return stack[-1][0].orelse
        if word in ("endif", "endfor"):
            wanted = If if word == "endif" else For
            if not stack or not isinstance(stack[-1][0], wanted):
                raise TemplateError(f"line {line}: unexpected {word}")
            _, parent = stack.pop()
            return parent
        raise TemplateError(f"line {line}: unknown tag {word!r}")

    # evaluate

    def eval_expression(self, expr: str, scope: Scope) -> Any:
        """The value of an expression: a variable path or literal, then filters.

        `expr` looks like `user.name|default:guest|upper`. The part before the
        first '|' (stripped) is a quoted string or integer literal (see
        `_literal`) or else a dotted path resolved with `lookup_path`. A path
        that is MISSING raises TemplateError in strict mode and becomes None
        otherwise.

        Each following '|'-separated part (stripped) is a filter `name` or
        `name:arg`, applied left to right with FILTERS from stencil/filters.py:
        filters in TAKES_ARGUMENT are called as f(value, arg), all others as
        f(value). An unknown filter name, or a filter in TAKES_ARGUMENT used
        without an argument, raises TemplateError mentioning the name.
        """
        head, *filters = expr.split("|")
        head = head.strip()
        value = _literal(head)
        if value is MISSING:
            value = lookup_path(scope, head)
        if value is MISSING:
            if self.strict:
                raise TemplateError(f"undefined variable {head!r}")
            value = None
        for part in filters:
            name, sep, arg = part.strip().partition(":")
            name = name.strip()
            func = FILTERS.get(name)
            if func is None:
                raise TemplateError(f"unknown filter {name!r}")
            if name in TAKES_ARGUMENT:
                if not sep:
                    raise TemplateError(f"filter {name!r} needs an argument")
                value = func(value, arg)
            else:
                value = func(value)
        return value

    def _truthy(self, expr: str, scope: Scope) -> bool:
        negate = expr.startswith("not ")
        value = self.eval_expression(expr[4:] if negate else expr, scope)
        return not value if negate else bool(value)

    # render

    def __repr__(self) -> str:
        first = self.source.splitlines()[0] if self.source else ""
        return f"Template({first[:30]!r}{'...' if len(self.source) > 30 else ''})"

    def render(self, context: Mapping[str, Any] | None = None, **extra: Any) -> str:
        scope: Scope = ChainMap(dict(extra), dict(context or {}))
        out: list[str] = []
        self._render_nodes(self.nodes, scope, out)
        return "".join(out)

    def _render_nodes(self, nodes: list[Node], scope: Scope, out: list[str]) -> None:
        for node in nodes:
            if isinstance(node, Text):
                out.append(node.text)
            elif isinstance(node, Output):
                try:
                    text = _stringify(self.eval_expression(node.expr, scope))
                except TemplateError as exc:
                    raise TemplateError(f"line {node.line}: {exc}") from None
                out.append(html.escape(text) if self.autoescape else text)
            elif isinstance(node, If):
                branch = node.body if self._truthy(node.expr, scope) else node.orelse
                self._render_nodes(branch, scope, out)
            elif isinstance(node, For):
                items = self.eval_expression(node.expr, scope)
                items = list(items or [])
                for i, item in enumerate(items):
                    loop = {"index": i + 1, "first": i == 0, "last": i == len(items) - 1}
                    self._render_nodes(node.body, scope.new_child({node.name: item, "loop": loop}), out)

    def variables(self) -> set[str]:
        """Top-level names the template reads (loop variables excluded)."""
        found: set[str] = set()

        def visit(nodes: list[Node], bound: set[str]) -> None:
            for node in nodes:
                exprs: list[str] = []
                if isinstance(node, (Output, If, For)):
                    exprs.append(node.expr.removeprefix("not ") if isinstance(node, If) else node.expr)
                for expr in exprs:
                    head = expr.split("|")[0].strip()
                    if _literal(head) is MISSING:
                        name = head.split(".")[0]
                        if name not in bound:
                            found.add(name)
                if isinstance(node, If):
                    visit(node.body, bound)
                    visit(node.orelse, bound)
                elif isinstance(node, For):
                    visit(node.body, bound | {node.name, "loop"})

        visit(self.nodes, set())
        return found


# --- conveniences ----------------------------------------------------------


def render(source: str, context: Mapping[str, Any] | None = None, **extra: Any) -> str:
    """Compile and render in one go."""
    return Template(source).render(context, **extra)


class Loader:
    """Templates from a directory, compiled once and cached."""

    def __init__(self, root: str | Path, autoescape: bool = True) -> None:
        self.root = Path(root)
        self.autoescape = autoescape
        self._cache: dict[str, Template] = {}

    def get(self, name: str) -> Template:
        if name not in self._cache:
            path = (self.root / name).resolve()
            if self.root.resolve() not in path.parents:
                raise TemplateError(f"template outside the template directory: {name}")
            self._cache[name] = Template(path.read_text(encoding="utf-8"), autoescape=self.autoescape)
        return self._cache[name]

    def render(self, name: str, context: Mapping[str, Any] | None = None) -> str:
        return self.get(name).render(context)


def missing_variables(template: Template, context: Mapping[str, Any]) -> list[str]:
    """Names the template reads that the context does not provide, sorted.

    Useful to check a mail-merge data file before sending anything.
    """
    return sorted(name for name in template.variables() if name not in context)
