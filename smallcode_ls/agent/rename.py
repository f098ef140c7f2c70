"""Renaming a symbol across the workspace, done by the harness instead of the model.

A rename is mechanical once the graph says the name is defined exactly once:
every identifier spelt like it is a use of it. A small model asked to do the
same edits file by file misses callers and imports, or renames half of them.
Comments, docstrings and strings are renamed where the old name appears as a
whole word, since "rename everywhere" includes `__all__` entries and prose.
"""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass

import tree_sitter as ts

from ..graph.extract import parse
from ..graph.languages import LanguageSpec, language_for

# "Rename the function `a` to `b`", "rename class A in pkg/m.py to B". Words
# between the name and "to" may be a location, never another backquoted name:
# "rename the `fmt` parameter of `export` to ..." is not a symbol rename.
_RENAME = re.compile(
    r"\brename\s+(?:the\s+)?(?:(function|class|method|constant|variable|type|interface)\s+)?"
    r"`?([A-Za-z_$][\w$]*)`?((?:\s+[\w./-]+)*?)\s+to\s+`?([A-Za-z_$][\w$]*)`?",
    re.IGNORECASE,
)
_NOT_SYMBOLS = re.compile(r"\b(parameter|argument|keyword|attribute|field|column|key|option)s?\b", re.IGNORECASE)
_PROSE_TYPES = frozenset({"comment", "string_content", "string_fragment"})
_FAMILIES = {"python": "python", "javascript": "js", "typescript": "js", "tsx": "js", "go": "go"}


@dataclass(frozen=True)
class RenameRequest:
    old: str
    new: str
    kind: str  # "" when the instruction does not say


def parse_rename(instruction: str) -> RenameRequest | None:
    """The rename an instruction asks for, when it asks for one of a symbol (not a parameter)."""
    match = _RENAME.search(instruction)
    if match is None:
        return None
    kind, old, between, new = match.group(1) or "", match.group(2), match.group(3) or "", match.group(4)
    if _NOT_SYMBOLS.search(between) or old == new or keyword.iskeyword(new) or new in ("to", "the"):
        return None
    return RenameRequest(old, new, kind.lower())


def same_family(a: str, b: str) -> bool:
    """Whether one file can refer to a name defined in the other (JS and TS import each other)."""
    spec_a, spec_b = language_for(a), language_for(b)
    return bool(spec_a and spec_b and _FAMILIES.get(spec_a.name) == _FAMILIES.get(spec_b.name))


def rename_in_text(path: str, text: str, old: str, new: str) -> tuple[str, int]:
    """`text` with every use of `old` spelt `new`, and how many places changed."""
    spec = language_for(path)
    if spec is None or old not in text:
        return text, 0
    src = text.encode()
    spans = list(_spans(spec, src, old))
    if not spans:
        return text, 0
    out = bytearray()
    last = 0
    for start, end in spans:
        out += src[last:start] + new.encode()
        last = end
    out += src[last:]
    return out.decode(), len(spans)


def defines(path: str, text: str, name: str) -> bool:
    """Whether the file already binds `name` as an identifier (a collision for a rename)."""
    spec = language_for(path)
    if spec is None or name not in text:
        return False
    return any(True for _ in _identifier_spans(spec, text.encode(), name))


def _spans(spec: LanguageSpec, src: bytes, old: str) -> list[tuple[int, int]]:
    wanted = old.encode()
    word = re.compile(rb"(?<![\w$])" + re.escape(wanted) + rb"(?![\w$])")
    spans: set[tuple[int, int]] = set()
    for node in _nodes(parse(spec, src).root_node):
        if node.type in _PROSE_TYPES:
            base = node.start_byte
            spans |= {(base + m.start(), base + m.end()) for m in word.finditer(src[base : node.end_byte])}
        elif (
            node.child_count == 0
            and node.type.endswith("identifier")
            and src[node.start_byte : node.end_byte] == wanted
        ):
            spans.add((node.start_byte, node.end_byte))
    return sorted(spans)


def _identifier_spans(spec: LanguageSpec, src: bytes, name: str) -> list[tuple[int, int]]:
    wanted = name.encode()
    return [
        (node.start_byte, node.end_byte)
        for node in _nodes(parse(spec, src).root_node)
        if node.child_count == 0 and node.type.endswith("identifier") and src[node.start_byte : node.end_byte] == wanted
    ]


def _nodes(root: ts.Node) -> list[ts.Node]:
    found: list[ts.Node] = []
    cursor = root.walk()
    while True:
        node = cursor.node
        if node is not None:
            found.append(node)
        if cursor.goto_first_child():
            continue
        while not cursor.goto_next_sibling():
            if not cursor.goto_parent():
                return found
