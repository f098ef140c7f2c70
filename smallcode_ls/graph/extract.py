"""Turn one parsed file (or one definition inside it) into symbols and references.

All traversal happens inside tree-sitter's query engine; Python only touches
the captured nodes. That is what keeps a cold index of a large tree fast.
"""

from __future__ import annotations

import hashlib
import re

import tree_sitter as ts

from .languages import LanguageSpec, parser_for
from .model import FileIndex, Hint, Import, Ref, Symbol

MAX_SIGNATURE = 240
MAX_DOC = 600
_DOTTED = re.compile(r"[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*")
_STRING_QUOTES = re.compile(r"^[rRbBuUfF]*('''|\"\"\"|'|\")|('''|\"\"\"|'|\")$")
_COMMENT_MARKS = re.compile(r"^\s*(//+|/\*+|\*+/?|#)\s?")
_COMMENT_END = re.compile(r"\s*\*+/\s*$")


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


class Positions:
    """Byte points from tree-sitter -> (line, UTF-16 column) for LSP clients."""

    def __init__(self, src: bytes) -> None:
        self.src = src
        self.ascii = src.isascii()
        self._starts: list[int] | None = None

    def line_starts(self) -> list[int]:
        if self._starts is None:
            starts = [0]
            find = self.src.find
            i = find(b"\n")
            while i != -1:
                starts.append(i + 1)
                i = find(b"\n", i + 1)
            self._starts = starts
        return self._starts

    def point(self, point: tuple[int, int]) -> tuple[int, int]:
        row, col = point
        if self.ascii or col == 0:
            return (row, col)
        start = self.line_starts()[row]
        head = self.src[start : start + col]
        if head.isascii():
            return (row, col)
        return (row, len(head.decode("utf-8", "replace").encode("utf-16-le")) // 2)


def parse(spec: LanguageSpec, src: bytes, old_tree: ts.Tree | None = None) -> ts.Tree:
    parser = parser_for(spec)
    if old_tree is None:
        return parser.parse(src)
    return parser.parse(src, old_tree)


def extract_file(path: str, spec: LanguageSpec, src: bytes, tree: ts.Tree | None = None) -> FileIndex:
    if tree is None:
        tree = parse(spec, src)
    root = tree.root_node
    found = extract_nodes(spec, src, root, [], Positions(src))
    return FileIndex(
        path=path,
        lang=spec.name,
        digest=digest(src),
        lines=src.count(b"\n") + (0 if src.endswith(b"\n") or not src else 1),
        symbols=found.symbols,
        refs=found.refs,
        imports=found.imports,
        hints=found.hints,
        default_export=found.default_export,
        has_error=root.has_error,
    )


class Found:
    __slots__ = ("default_export", "hints", "imports", "refs", "symbols")

    def __init__(self) -> None:
        self.symbols: list[Symbol] = []
        self.refs: list[Ref] = []
        self.imports: list[Import] = []
        self.hints: list[Hint] = []
        self.default_export = ""


def _text(src: bytes, node: ts.Node) -> str:
    return src[node.start_byte : node.end_byte].decode("utf-8", "replace")


def outer_scopes(spec: LanguageSpec, src: bytes, node: ts.Node) -> list[tuple[int, str, str]]:
    """The definitions enclosing `node`, outermost first, as scope-stack entries."""
    chain: list[ts.Node] = []
    parent = node.parent
    while parent is not None:
        if is_definition(spec, parent):
            chain.append(parent)
        parent = parent.parent
    stack: list[tuple[int, str, str]] = []
    for anc in reversed(chain):
        name, kind = _def_name_kind(spec, src, anc, stack[-1][2] if stack else "")
        if spec.name == "go":
            recv = _go_receiver(src, anc)[0] if anc.type == "method_declaration" else ""
            qual = f"{recv}.{name}" if recv else name
        else:
            qual = f"{stack[-1][1]}.{name}" if stack else name
        stack.append((anc.end_byte, qual, kind))
    return stack


def _def_name_kind(spec: LanguageSpec, src: bytes, node: ts.Node, parent_kind: str) -> tuple[str, str]:
    name = _text(src, node.child_by_field_name("name"))  # type: ignore[arg-type]
    kind = spec.def_kinds[node.type]
    if node.type == "type_alias":
        kind = "type"
    elif node.type == "type_spec":
        body = node.child_by_field_name("type")
        if body is not None:
            kind = {"struct_type": "class", "interface_type": "interface"}.get(body.type, "type")
    elif kind == "function" and parent_kind in ("class", "interface"):
        kind = "method"
    return name, kind


def _go_receiver(src: bytes, node: ts.Node) -> tuple[str, str]:
    """(type, variable) of a Go method's receiver: `(t *Thing)` -> ("Thing", "t")."""
    recv = node.child_by_field_name("receiver")
    if recv is None:
        return "", ""
    # `(t *Thing)` or `(t Thing[K])`: the type is the last identifier before any `[`.
    text = src[recv.start_byte : recv.end_byte].split(b"[")[0]
    names = [n.decode() for n in re.findall(rb"[A-Za-z_]\w*", text)]
    if not names:
        return "", ""
    return names[-1], names[0] if len(names) > 1 else ""


_FUNCTION_VALUES = frozenset({"arrow_function", "function_expression"})


def is_definition(spec: LanguageSpec, node: ts.Node) -> bool:
    """Whether the query's @def patterns capture this node."""
    if node.type not in spec.def_kinds or node.child_by_field_name("name") is None:
        return False
    if node.type == "variable_declarator":
        value = node.child_by_field_name("value")
        return value is not None and value.type in _FUNCTION_VALUES
    return True


def outer_node(node: ts.Node) -> ts.Node:
    """The node a definition's range covers: with decorators, or the whole `const f = ...`."""
    parent = node.parent
    if parent is None:
        return node
    if parent.type == "decorated_definition":
        return parent
    if node.type == "variable_declarator" and parent.named_child_count == 1:
        return parent
    if node.type == "type_spec" and parent.type == "type_declaration" and parent.named_child_count == 1:
        return parent
    return node


def symbol_order(sym: Symbol) -> tuple:
    return (sym.start_byte, -sym.end_byte, sym.name_start)


def _ref_order(ref: Ref) -> tuple:
    return (ref.byte, ref.kind, ref.name)


def _signature(src: bytes, node: ts.Node) -> str:
    target = node
    if node.type == "variable_declarator":
        target = node.child_by_field_name("value") or node  # `const f = (x) => {...}`
    body = target.child_by_field_name("body")
    end = body.start_byte if body is not None else node.end_byte
    for child in target.children:
        if child.type == ":" and child.start_byte < end:
            end = child.start_byte  # Python: stop at the colon, before any comment
            break
    end = min(end, node.start_byte + 4 * MAX_SIGNATURE)
    text = " ".join(src[node.start_byte : end].decode("utf-8", "replace").split())
    text = text.rstrip(":{ ").rstrip()
    if text.endswith("=>"):
        text = text[:-2].rstrip()
    return text[:MAX_SIGNATURE]


def python_doc(src: bytes, node: ts.Node) -> str:
    body = node.child_by_field_name("body")
    if body is None or body.named_child_count == 0:
        return ""
    first = body.named_child(0)
    if first is None or first.type != "expression_statement" or first.named_child_count == 0:
        return ""
    string = first.named_child(0)
    if string is None or string.type != "string":
        return ""
    return _clean_doc(_STRING_QUOTES.sub("", _text(src, string)))


def _comment_doc(src: bytes, node: ts.Node) -> str:
    anchor = node
    if anchor.parent is not None and anchor.parent.type == "export_statement":
        anchor = anchor.parent
    lines: list[str] = []
    line = anchor.start_point[0]
    prev = anchor.prev_named_sibling
    while prev is not None and prev.type == "comment" and prev.end_point[0] >= line - 1:
        lines[:0] = [
            _COMMENT_END.sub("", _COMMENT_MARKS.sub("", raw)).rstrip() for raw in _text(src, prev).splitlines()
        ]
        line = prev.start_point[0]
        prev = prev.prev_named_sibling
    return _clean_doc("\n".join(x for x in lines if x.strip() not in ("", "*/")))


def _clean_doc(doc: str) -> str:
    doc = doc.strip()
    if len(doc) > MAX_DOC:
        doc = doc[:MAX_DOC].rstrip() + "…"
    return doc


def _receiver(src: bytes, node: ts.Node | None) -> str:
    if node is None:
        return "?"
    kind = node.type
    if kind in ("identifier", "this", "self"):
        return _text(src, node)
    if kind == "super":
        return "super()"
    if kind in ("call", "call_expression", "new_expression"):
        text = _text(src, node)
        if text.startswith("super("):
            return "super()"
        # `Cls(...).m()` / `new Cls().m()`: remember the callee, the resolver decides.
        callee = node.child_by_field_name("function") or node.child_by_field_name("constructor")
        if callee is not None:
            callee_text = _text(src, callee)
            if _DOTTED.fullmatch(callee_text):
                return callee_text + "()"
        return "?"
    if kind in ("attribute", "member_expression", "selector_expression"):
        text = _text(src, node)
        return text if _DOTTED.fullmatch(text) else "?"
    return "?"


def _callee(node: ts.Node) -> ts.Node | None:
    fn = node.child_by_field_name("function")
    if fn is None:
        fn = node.child_by_field_name("constructor")
    return fn


_ATTR_FIELDS = {
    "attribute": ("object", "attribute"),
    "member_expression": ("object", "property"),
    "selector_expression": ("operand", "field"),
}


def extract_nodes(
    spec: LanguageSpec,
    src: bytes,
    root: ts.Node,
    stack: list[tuple[int, str, str]],
    pos: Positions,
) -> Found:
    """Extract everything inside `root`; `stack` holds the scopes enclosing it."""
    found = Found()
    caps = ts.QueryCursor(spec.compiled_query).captures(root)
    point = pos.point
    is_go = spec.name == "go"
    is_python = spec.name == "python"

    # Definitions, in document order, so a stack gives each its parent.
    defs = sorted(caps.get("def", ()), key=lambda n: (n.start_byte, -n.end_byte))
    scope_marks: list[tuple[int, int, str]] = []  # (start, end, qualname) for refs
    stack = list(stack)
    base_scope = stack[-1][1] if stack else ""
    for node in defs:
        name_node = node.child_by_field_name("name")
        if name_node is None:
            continue
        start_byte = node.start_byte
        while stack and stack[-1][0] <= start_byte:
            stack.pop()
        parent_q, parent_kind = (stack[-1][1], stack[-1][2]) if stack else ("", "")
        name, kind = _def_name_kind(spec, src, node, parent_kind)
        if is_go:
            recv, recv_var = _go_receiver(src, node) if node.type == "method_declaration" else ("", "")
            qual = f"{recv}.{name}" if recv else name
            parent_q = ""
            if recv and recv_var:
                # `func (t *Thing) M()`: `t.helper()` inside means Thing.helper.
                found.hints.append(Hint(qual, recv_var, recv, node.start_byte))
        else:
            qual = f"{parent_q}.{name}" if parent_q else name
        outer = outer_node(node)
        parent = outer.parent
        if (
            parent is not None
            and parent.type == "export_statement"
            and parent.child_count > 1
            and parent.child(1).type == "default"  # type: ignore[union-attr]
        ):
            found.default_export = qual
        doc = python_doc(src, node) if is_python else _comment_doc(src, outer)
        found.symbols.append(
            Symbol(
                name=name,
                qualname=qual,
                kind=kind,
                start=point(outer.start_point),
                end=point(outer.end_point),
                name_start=point(name_node.start_point),
                name_end=point(name_node.end_point),
                start_byte=outer.start_byte,
                end_byte=outer.end_byte,
                signature=_signature(src, node),
                doc=doc,
                parent=parent_q,
            )
        )
        stack.append((node.end_byte, qual, kind))
        scope_marks.append((node.start_byte, node.end_byte, qual))

    refs = found.refs
    for node in caps.get("call", ()):
        fn = _callee(node)
        if fn is None:
            continue
        callee_name: ts.Node | None
        if fn.type == "identifier":
            callee_name = fn
            receiver: str | None = None
        else:
            fields = _ATTR_FIELDS.get(fn.type)
            if fields is None:
                continue
            callee_name = fn.child_by_field_name(fields[1])
            receiver = _receiver(src, fn.child_by_field_name(fields[0]))
        if callee_name is None:
            continue
        refs.append(
            Ref(
                _text(src, callee_name),
                receiver,
                "call",
                point(callee_name.start_point),
                point(callee_name.end_point),
                callee_name.start_byte,
                "",
            )
        )
    for capture, kind in (("inherit", "inherit"), ("decorator", "call")):
        for node in caps.get(capture, ()):
            text = _text(src, node)
            if not _DOTTED.fullmatch(text):
                continue
            recv, _, name = text.rpartition(".")
            # Point at the name itself (`abstractmethod` in `abc.abstractmethod`), as for calls.
            fields = _ATTR_FIELDS.get(node.type)
            name_node = (node.child_by_field_name(fields[1]) if fields else None) or node
            refs.append(
                Ref(
                    name,
                    recv or None,
                    kind,
                    point(name_node.start_point),
                    point(name_node.end_point),
                    name_node.start_byte,
                    "",
                )
            )
    refs.sort(key=_ref_order)
    found.symbols.sort(key=symbol_order)

    hints = found.hints
    for node in caps.get("export_default", ()):
        found.default_export = _text(src, node)
    for node in caps.get("hint", ()):
        left = node.child_by_field_name("left")
        if left is None:
            continue
        var = _text(src, left)
        if left.type == "attribute" and not var.startswith("self."):
            continue
        annotation = node.child_by_field_name("type")
        right = node.child_by_field_name("right")
        if annotation is not None:
            type_expr = _annotation(_text(src, annotation))  # `x: Cls = ...` says it outright
        elif right is not None and right.type == "identifier":
            if left.type != "attribute":
                continue
            type_expr = "=" + _text(src, right)  # `self.x = param`: whatever `param` is
        else:
            fn = _callee(right) if right is not None else None
            type_expr = _annotation(_text(src, fn)) if fn is not None else ""
        if type_expr:
            hints.append(Hint("", var, type_expr, node.start_byte))
    for node in caps.get("typed_param", ()):
        name_node = node.child_by_field_name("name") or node.named_child(0)
        annotation = node.child_by_field_name("type")
        if name_node is None or annotation is None or name_node.type != "identifier":
            continue
        type_expr = _annotation(_text(src, annotation))
        if type_expr:
            hints.append(Hint("", _text(src, name_node), type_expr, node.start_byte))
    hints.sort(key=lambda h: h.byte)

    for node in caps.get("import", ()):
        found.imports.extend(_read_imports(spec, src, node))
    for node in caps.get("require", ()):
        found.imports.extend(_read_require(src, node))
    found.imports.sort(key=lambda i: i.byte)

    _assign_scopes(refs, scope_marks, base_scope)
    _assign_scopes(hints, scope_marks, base_scope)
    return found


def _assign_scopes(items: list, marks: list[tuple[int, int, str]], base_scope: str) -> None:
    """Give each item (sorted by byte) the qualname of its innermost definition."""
    open_stack: list[tuple[int, int, str]] = []
    next_mark = 0
    for item in items:
        b = item.byte
        while next_mark < len(marks) and marks[next_mark][0] <= b:
            mark = marks[next_mark]
            while open_stack and open_stack[-1][1] <= mark[0]:
                open_stack.pop()
            open_stack.append(mark)
            next_mark += 1
        while open_stack and open_stack[-1][1] <= b:
            open_stack.pop()
        item.scope = open_stack[-1][2] if open_stack else base_scope


_OPTIONAL = re.compile(r"^(?:typing\.)?Optional\[(.+)\]$")


def _annotation(text: str) -> str:
    """The class an annotation names (`Cls`, `"mod.Cls"`, `Cls | None`, `Optional[Cls]`), or ""."""
    text = text.strip().strip("'\"")
    optional = _OPTIONAL.match(text)
    if optional:
        text = optional.group(1)
    parts = [p.strip() for p in text.split("|") if p.strip() != "None"]
    if len(parts) != 1:
        return ""
    text = parts[0].strip("'\"")
    last = text.rpartition(".")[2]
    if not _DOTTED.fullmatch(text) or not last.lstrip("_")[:1].isupper():
        return ""
    return text


def _read_require(src: bytes, node: ts.Node) -> list[Import]:
    """`const x = require("m")` binds the module; `const {a, b: c} = require("m")` binds names."""
    value = node.child_by_field_name("value")
    fn = _callee(value) if value is not None else None
    target = node.child_by_field_name("name")
    if value is None or fn is None or target is None or _text(src, fn) != "require":
        return []
    args = value.child_by_field_name("arguments")
    module = _text(src, args).strip("()'\"` ") if args is not None else ""
    line, byte = node.start_point[0], node.start_byte
    if target.type == "identifier":
        return [Import(module, None, _text(src, target), line, byte)]
    out = []
    for child in target.named_children:
        if child.type == "shorthand_property_identifier_pattern":
            name = _text(src, child)
            out.append(Import(module, name, name, line, byte))
        elif child.type == "pair_pattern":
            key, alias = child.child_by_field_name("key"), child.child_by_field_name("value")
            if key is not None and alias is not None and alias.type == "identifier":
                out.append(Import(module, _text(src, key), _text(src, alias), line, byte))
    return out


def _read_imports(spec: LanguageSpec, src: bytes, node: ts.Node) -> list[Import]:
    line, byte = node.start_point[0], node.start_byte
    out: list[Import] = []
    if spec.name == "python":
        if node.type == "import_statement":
            for child in node.children_by_field_name("name"):
                if child.type == "aliased_import":
                    module = _text(src, child.child_by_field_name("name"))  # type: ignore[arg-type]
                    alias = _text(src, child.child_by_field_name("alias"))  # type: ignore[arg-type]
                else:
                    module = _text(src, child)
                    alias = module
                out.append(Import(module, None, alias, line, byte))
        else:
            mod_node = node.child_by_field_name("module_name")
            module = "".join(_text(src, mod_node).split()) if mod_node is not None else ""
            names = node.children_by_field_name("name")
            if not names:
                out.append(Import(module, "*", "", line, byte))
            for child in names:
                if child.type == "aliased_import":
                    name = _text(src, child.child_by_field_name("name"))  # type: ignore[arg-type]
                    alias = _text(src, child.child_by_field_name("alias"))  # type: ignore[arg-type]
                else:
                    name = alias = _text(src, child)
                out.append(Import(module, name, alias, line, byte))
    elif spec.name == "go":
        path_node = node.child_by_field_name("path")
        if path_node is None:
            return out
        module = _text(src, path_node).strip('"`')
        alias_node = node.child_by_field_name("name")
        alias = _text(src, alias_node) if alias_node is not None else module.rsplit("/", 1)[-1]
        out.append(Import(module, None, alias, line, byte))
    else:
        source = node.child_by_field_name("source")
        if source is None:
            return out
        module = _text(src, source).strip("'\"`")
        clause = next((c for c in node.named_children if c.type == "import_clause"), None)
        if clause is None:
            out.append(Import(module, None, "", line, byte))
            return out
        for child in clause.named_children:
            if child.type == "identifier":
                out.append(Import(module, "default", _text(src, child), line, byte))
            elif child.type == "namespace_import":
                ident = next((c for c in child.named_children if c.type == "identifier"), None)
                if ident is not None:
                    out.append(Import(module, None, _text(src, ident), line, byte))
            elif child.type == "named_imports":
                for spec_node in child.named_children:
                    if spec_node.type != "import_specifier":
                        continue
                    name_n = spec_node.child_by_field_name("name")
                    alias_n = spec_node.child_by_field_name("alias")
                    if name_n is None:
                        continue
                    name = _text(src, name_n)
                    out.append(Import(module, name, _text(src, alias_n) if alias_n else name, line, byte))
    return out
