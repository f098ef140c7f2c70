"""Code units: the one piece of code the model rewrites at a time.

A unit is whole lines of a file: a function or method, a small class, or a
window of top-level statements snapped to statement boundaries. Units are
found by parsing the text the editor has now, not the (possibly older) graph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import tree_sitter as ts

from ..graph.extract import extract_file, parse
from ..graph.languages import LanguageSpec, language_for
from ..graph.model import Symbol

SMALL_CLASS_LINES = 60
WINDOW_RADIUS = 12
# Stub bodies a model is asked to fill in.
_STUB_RAISES = ("NotImplementedError", "NotImplemented")


@dataclass
class CodeUnit:
    path: str
    name: str  # qualified name, or "lines A-B" for a window
    kind: str  # function | method | class | window
    start_line: int  # 0-based, inclusive
    end_line: int  # 0-based, inclusive
    text: str  # the unit's lines, with their indentation, without the final newline
    indent: str
    symbol: Symbol | None = None

    @property
    def label(self) -> str:
        return f"{self.kind} {self.name}" if self.kind != "window" else self.name

    def narrower(self, line: int, radius: int) -> CodeUnit | None:
        """A window of this unit around `line`, if that is smaller than the unit."""
        if self.end_line - self.start_line <= 2 * radius + 1:
            return None
        start = max(self.start_line, line - radius)
        end = min(self.end_line, line + radius)
        lines = self.text.split("\n")[start - self.start_line : end - self.start_line + 1]
        indent = min((_indent_of(x) for x in lines if x.strip()), key=len, default="")
        return CodeUnit(self.path, f"lines {start + 1}-{end + 1}", "window", start, end, "\n".join(lines), indent)


def spec_for(path: str) -> LanguageSpec | None:
    return language_for(path)


def symbols_of(path: str, text: str) -> list[Symbol]:
    spec = spec_for(path)
    if spec is None:
        return []
    return extract_file(path, spec, text.encode("utf-8")).symbols


def unit_for_symbol(path: str, text: str, sym: Symbol) -> CodeUnit:
    lines = text.split("\n")
    start, end = sym.start[0], sym.end[0]
    body = "\n".join(lines[start : end + 1])
    return CodeUnit(path, sym.qualname, sym.kind, start, end, body, _indent_of(lines[start]), sym)


def find_symbol(path: str, text: str, name: str) -> Symbol | None:
    """By qualified name first (`Class.method`), else by plain name (first match)."""
    symbols = symbols_of(path, text)
    for sym in symbols:
        if sym.qualname == name:
            return sym
    return next((s for s in symbols if s.name == name.rsplit(".", 1)[-1]), None)


def unit_at_line(path: str, text: str, line: int) -> CodeUnit:
    """The smallest function or method around `line`; a small class; else a window of statements."""
    symbols = [s for s in symbols_of(path, text) if s.start[0] <= line <= s.end[0]]
    functions = [s for s in symbols if s.kind not in ("class", "interface", "type")]
    if functions:
        best = min(functions, key=lambda s: s.end[0] - s.start[0])
        return unit_for_symbol(path, text, best)
    classes = [s for s in symbols if s.end[0] - s.start[0] < SMALL_CLASS_LINES]
    if classes:
        return unit_for_symbol(path, text, min(classes, key=lambda s: s.end[0] - s.start[0]))
    return window_at(path, text, line, WINDOW_RADIUS)


def window_at(path: str, text: str, line: int, radius: int) -> CodeUnit:
    """Lines around `line`, widened to whole top-level statements so the window parses alone."""
    lines = text.split("\n")
    start, end = max(0, line - radius), min(len(lines) - 1, line + radius)
    spec = spec_for(path)
    if spec is not None:
        tree = parse(spec, text.encode("utf-8"))
        for node in _statements(tree.root_node):
            s, e = node.start_point[0], node.end_point[0]
            if s < start <= e:
                start = s
            if s <= end < e:
                end = e
    body = "\n".join(lines[start : end + 1])
    indent = min((_indent_of(x) for x in lines[start : end + 1] if x.strip()), key=len, default="")
    return CodeUnit(path, f"lines {start + 1}-{end + 1}", "window", start, end, body, indent)


def _statements(root: ts.Node) -> list[ts.Node]:
    """Top-level statements, and those of class bodies (a window may sit inside a big class)."""
    out = []
    for child in root.named_children:
        out.append(child)
        body = child.child_by_field_name("body")
        if child.type in ("class_definition", "class_declaration") and body is not None:
            out.extend(body.named_children)
    return out


def replace_unit(text: str, unit: CodeUnit, new_text: str) -> str:
    lines = text.split("\n")
    return "\n".join([*lines[: unit.start_line], *new_text.split("\n"), *lines[unit.end_line + 1 :]])


def is_stub(path: str, text: str, sym: Symbol) -> bool:
    """A body that only says "not written yet": pass, ..., raise NotImplementedError, or a TODO comment."""
    spec = spec_for(path)
    if spec is None or sym.kind in ("class", "interface", "type"):
        return False
    src = text.encode("utf-8")
    tree = parse(spec, src)
    node = tree.root_node.descendant_for_byte_range(sym.start_byte, sym.start_byte)
    while node is not None and node.child_by_field_name("body") is None:
        node = node.parent
    if node is None:
        return False
    body = node.child_by_field_name("body")
    if body is None:
        return False
    statements = [c for c in body.named_children if c.type != "comment"]
    if spec.name == "python" and statements and _is_docstring(statements[0]):
        statements = statements[1:]
    if not statements:
        return True  # only a docstring or comments: `{}` or `"""Does X."""`
    if len(statements) != 1:
        return False
    only = statements[0]
    snippet = src[only.start_byte : only.end_byte].decode("utf-8", "replace").strip()
    if only.type == "pass_statement" or snippet in ("...", "pass"):
        return True
    if only.type in ("raise_statement", "throw_statement"):
        return any(word in snippet for word in _STUB_RAISES) or "not implemented" in snippet.lower()
    return False


def stubs_in(path: str, text: str) -> list[CodeUnit]:
    """Every stub in the file, innermost definitions only, in file order."""
    symbols = symbols_of(path, text)
    return [unit_for_symbol(path, text, s) for s in symbols if is_stub(path, text, s)]


def _is_docstring(node: ts.Node) -> bool:
    return (
        node.type == "expression_statement" and node.named_child_count == 1 and node.named_children[0].type == "string"
    )


def _indent_of(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


_PLACEHOLDER_LINE = re.compile(
    r"^\s*(?:pass|\.\.\.|raise\s+NotImplemented(?:Error)?\b.*|throw\s+new\s+Error\(.*not\s+implemented.*\);?"
    r"|(?:#|//)\s*TODO.*|)$",
    re.IGNORECASE,
)


def stub_head(unit_text: str) -> str | None:
    """A stub's text up to its placeholder body (signature, docstring, doc comment), for the model
    to go on from; None when the unit has no placeholder at its end. A JavaScript stub's closing
    brace goes too: the model writes the body and closes it."""
    lines = unit_text.rstrip("\n").split("\n")
    end = len(lines)
    if end and lines[-1].strip() in ("}", "};"):
        end -= 1
    cut = end
    while cut > 1 and _PLACEHOLDER_LINE.match(lines[cut - 1]):
        cut -= 1
    if cut == end or cut < 1:
        return None
    return "\n".join(lines[:cut]) + "\n"


_FUNCTION_START = re.compile(r"\s*(?:async\s+)?(?:def|function)\b|\s*(?:static\s+|async\s+|get\s+|set\s+)*[\w$]+\s*\(")
_STRING = re.compile(r"\"(?:\\.|[^\"\\])*\"|'(?:\\.|[^'\\])*'|`(?:\\.|[^`\\])*`")


def signature_head(unit_text: str, lang: str) -> str | None:
    """A function's text up to its body: decorators, the signature (over several lines too) and,
    in Python, the docstring. None when the unit is not shaped like that or is nothing more."""
    lines = unit_text.rstrip("\n").split("\n")
    depth = 0
    end = None
    for number, line in enumerate(lines[:12]):
        code = _STRING.sub('""', line.split("#")[0] if lang == "python" else line).rstrip()
        depth += sum(code.count(c) for c in "([{") - sum(code.count(c) for c in ")]}")
        opener = ":" if lang == "python" else "{"
        if number == 0 and _FUNCTION_START.match(line) is None and not line.lstrip().startswith("@"):
            return None
        if lang == "python" and code.endswith(opener) and depth == 0:
            end = number
            break
        if lang != "python" and code.endswith(opener) and depth == 1:
            end = number
            break
    if end is None:
        return None
    if lang == "python":
        end = past_docstring(lines, end + 1) - 1
    if end >= len(lines) - 1:
        return None
    return "\n".join(lines[: end + 1]) + "\n"


def past_docstring(lines: list[str], start: int) -> int:
    """The first line after a docstring that starts at `start` (or `start` when there is none)."""
    if start >= len(lines):
        return start
    first = lines[start].lstrip()
    quote = first[:3] if first[:3] in ('"' * 3, "'" * 3) else ""
    if not quote:
        return start
    if first.count(quote) >= 2:
        return start + 1
    return next((i + 1 for i in range(start + 1, len(lines)) if quote in lines[i]), start)


def call_form(sym: Symbol) -> str:
    """`area(self) -> float` from `def area(self) -> float:` (or a JavaScript `function`)."""
    head = sym.signature.strip()
    for word in ("export ", "default ", "async ", "def ", "function "):
        head = head.removeprefix(word)
    return re.sub(r"([(\[])\s+", r"\1", " ".join(head.rstrip(":{ ").split()))
