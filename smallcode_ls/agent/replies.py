"""From a small model's reply to the new text of a unit.

Replies come fenced or not, with prose around the code, as the whole file when
one function was asked, with imports the code needs, or with the indentation
of the function lost. This module takes all of that and returns the unit's new
text (and any imports to add), or None when there is no usable code.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field

from ..graph.extract import parse
from ..graph.languages import LanguageSpec
from .units import CodeUnit, symbols_of

_FENCE = re.compile(r"```[ \t]*([\w.+#-]*)[^\n]*\n(.*?)(?:\n[ \t]*```|\Z)", re.DOTALL)
_CODE_START = re.compile(r"^\s*(?:async\s+def|def|class|@|import|from\s+\S+\s+import|function|const|let|export|func)\b")


@dataclass
class Edit:
    new_text: str  # the unit's replacement, indented like the unit
    imports: list[str] = field(default_factory=list)  # import lines the file lacks
    others: dict[str, str] = field(default_factory=dict)  # qualname -> new text of other changed units


def code_blocks(reply: str) -> list[str]:
    """Fenced blocks in order; an unfenced reply that looks like code counts as one block."""
    blocks = [m.group(2) for m in _FENCE.finditer(reply)]
    if blocks:
        return [b for b in blocks if b.strip()]
    lines = reply.strip("\n").split("\n")
    for i, line in enumerate(lines):
        if _CODE_START.match(line):
            return ["\n".join(lines[i:])]
    return []


def parse_edit(reply: str, unit: CodeUnit, file_text: str, spec: LanguageSpec) -> Edit | None:
    """The new text for `unit` from `reply`, or None when the reply holds no usable code."""
    blocks = code_blocks(reply)
    if not blocks:
        return None
    # The block that defines the unit's name, else the longest one.
    name = unit.symbol.name if unit.symbol is not None else None
    chosen = None
    if name:
        chosen = next((b for b in blocks if defines_name(b, name)), None)
    code = chosen or max(blocks, key=len)
    code = code.replace("\t", "    ") if "\t" in code and "\t" not in unit.text else code
    if unit.symbol is not None:
        return _edit_for_symbol(code, unit, file_text, spec)
    return Edit(_reindent(code, unit.indent))


_METHOD_MODIFIERS = r"(?:(?:async|static|get|set|public|private|protected|override|readonly)\s+)*\*?\s*"


def defines_name(code: str, name: str) -> bool:
    """Whether `code` defines `name`: after `def`, `class`, `function` or `func`, or as a
    JavaScript or TypeScript method header on a line of its own (`async fetchJson(path) {`)."""
    n = re.escape(name)
    return bool(
        re.search(rf"\b(?:def|class|function|func)\s+(?:\([^)]*\)\s*)?{n}\b", code)
        or re.search(rf"^[ \t]*{_METHOD_MODIFIERS}{n}\s*\([^)\n]*\)[^;{{\n]*\{{[ \t]*$", code, re.M)
    )


def _edit_for_symbol(code: str, unit: CodeUnit, file_text: str, spec: LanguageSpec) -> Edit | None:
    assert unit.symbol is not None
    dedented = _repair_indent(textwrap.dedent(code).strip("\n"))
    found = symbols_of(unit.path, dedented + "\n")
    lines = dedented.split("\n")
    wanted = unit.symbol.qualname
    short = wanted.rsplit(".", 1)[-1]
    # The reply may be the unit alone, the unit inside its class, or the whole file.
    match = next((s for s in found if s.qualname == wanted), None) or next(
        (s for s in found if s.name == short and s.kind == unit.symbol.kind), None
    )
    match = match or next((s for s in found if s.name == short), None)
    if match is None and not found and unit.symbol.kind == "method":
        bare = _bare_method(dedented, unit, short)
        if bare is not None:
            return Edit(_reindent(bare, unit.indent))
    if match is None:
        if found:
            return None  # code for something else: not this unit
        # No definition at all: the model sent only the body.
        header = unit.text.split("\n")[0]
        if header.rstrip().endswith(":"):
            return Edit(header + "\n" + textwrap.indent(dedented, unit.indent + "    "))
        if header.rstrip().endswith("{"):
            # The body, perhaps with the unit's closing brace, which goes back at the unit's indent.
            statements = dedented.removesuffix("}").rstrip() if dedented.split("\n")[-1] == "}" else dedented
            return Edit(header + "\n" + textwrap.indent(statements, unit.indent + "    ") + "\n" + unit.indent + "}")
        return None
    piece = "\n".join(lines[match.start[0] : match.end[0] + 1])
    edit = Edit(_reindent(piece, unit.indent))
    # Other definitions the reply changed (a whole-file answer): the outermost changed one that exists
    # in the file and neither holds nor sits inside the target.
    existing = {s.qualname: s for s in symbols_of(unit.path, file_text)}
    file_lines = file_text.split("\n")
    applied: list[object] = []
    for other in sorted(found, key=lambda s: (s.start, (-s.end[0], -s.end[1]))):
        if other is match or other.qualname not in existing or _inside(other, match):
            continue
        if any(_inside(other, outer) for outer in applied):
            continue
        old = existing[other.qualname]
        if _inside(unit.symbol, old) or _inside(old, unit.symbol) or old.qualname == unit.symbol.qualname:
            continue  # the target's class: look at its other members instead
        old_text = "\n".join(file_lines[old.start[0] : old.end[0] + 1])
        new_text = _reindent("\n".join(lines[other.start[0] : other.end[0] + 1]), _indent(file_lines[old.start[0]]))
        if new_text.strip() != old_text.strip():
            edit.others[other.qualname] = new_text
            applied.append(other)
    # Imports count only when the code we keep uses them (not code of the reply we dropped).
    kept = "\n".join([edit.new_text, *edit.others.values()])
    edit.imports = _new_imports(dedented, file_text, spec, kept)
    return edit


def _bare_method(code: str, unit: CodeUnit, name: str) -> str | None:
    """A JavaScript or TypeScript method sent on its own (`consume(sku) { ... }`), which outside a
    class body parses as a call and a block: read inside a class, it is the method."""
    wrapped = symbols_of(unit.path, "class Reply {\n" + code + "\n}\n")
    method = next((s for s in wrapped if s.name == name and s.kind == "method"), None)
    if method is None:
        return None
    lines = code.split("\n")
    return "\n".join(lines[method.start[0] - 1 : method.end[0]])


def _inside(inner: object, outer: object) -> bool:
    a, b = inner, outer
    return (
        a is not b
        and getattr(b, "start", (0, 0)) <= getattr(a, "start", (0, 0))
        and getattr(a, "end", (0, 0)) <= getattr(b, "end", (0, 0))
        and (getattr(a, "start", None), getattr(a, "end", None)) != (getattr(b, "start", None), getattr(b, "end", None))
    )


def _new_imports(code: str, file_text: str, spec: LanguageSpec, kept: str) -> list[str]:
    """Top-level import lines of the reply that the file lacks and the kept code uses."""
    if spec.name != "python":
        return []
    have = {line.strip() for line in file_text.split("\n")}
    import_lines = [line for line in code.split("\n") if re.match(r"^(import\s+\w|from\s+[\w.]+\s+import\s+)", line)]
    used = set(re.findall(r"[A-Za-z_]\w*", kept))
    out = []
    for line in import_lines:
        if line.strip() in have or "*" in line:
            continue
        # Only imports the new code uses: small models like to add a few "just in case".
        if _bound_names(line.strip()) & used:
            out.append(line.strip())
    return out


def _bound_names(line: str) -> set[str]:
    """`import a.b as c` -> {c}; `import a.b` -> {a}; `from m import x as y, z` -> {y, z}."""
    names = set()
    items = line.split(" import ", 1)[1].strip("() ") if line.startswith("from ") else line[len("import ") :]
    for item in items.split(","):
        parts = item.strip().split()
        if not parts:
            continue
        if len(parts) == 3 and parts[1] == "as":
            names.add(parts[2])
        else:
            names.add(parts[0].split(".")[0])
    return names


def add_imports(file_text: str, imports: list[str]) -> str:
    """Insert import lines after the file's last top-level import (or its docstring)."""
    if not imports:
        return file_text
    lines = file_text.split("\n")
    last = -1
    in_docstring = False
    for i, line in enumerate(lines):
        stripped = line.strip()
        if i == 0 and stripped.startswith(('"""', "'''")):
            quote = stripped[:3]
            in_docstring = not (stripped.count(quote) >= 2 and len(stripped) > 3)
            last = i
            continue
        if in_docstring:
            last = i
            if stripped.endswith(('"""', "'''")):
                in_docstring = False
            continue
        if re.match(r"^(import\s|from\s+\S+\s+import\s)", line):
            last = i
        elif stripped and not stripped.startswith("#") and last >= 0 and not line.startswith((" ", "\t", ")")):
            break
    return "\n".join([*lines[: last + 1], *imports, *lines[last + 1 :]])


def _reindent(code: str, indent: str) -> str:
    body = _repair_indent(textwrap.dedent(code).strip("\n"))
    return "\n".join(indent + line if line.strip() else "" for line in body.split("\n"))


def _repair_indent(code: str) -> str:
    """A first line that lost its indentation relative to the rest (`def f():` at column 0 followed by
    a body indented 8) is common; dedent the body to one level."""
    lines = code.split("\n")
    if len(lines) < 2 or not lines[0].rstrip().endswith(":"):
        return code
    first = _indent(lines[0])
    rest = [x for x in lines[1:] if x.strip()]
    if not rest:
        return code
    body_indent = min(len(_indent(x)) for x in rest)
    if body_indent > len(first) + 4:
        shift = body_indent - len(first) - 4
        lines = [lines[0]] + [x[shift:] if x[:shift].strip() == "" else x for x in lines[1:]]
    return "\n".join(lines)


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def parses(code: str, spec: LanguageSpec) -> bool:
    return not parse(spec, code.encode("utf-8")).root_node.has_error
