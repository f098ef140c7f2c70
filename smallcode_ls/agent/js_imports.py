"""Imports for JavaScript and TypeScript names that are used but never imported.

`toKilograms is not defined`, `Cannot find name 'formatHours'`: when exactly one
module of the workspace exports the name, the import is mechanical, written in
the file's own style (ES `import { a } from "./m.js"` or CommonJS
`const { a } = require("./m")`), merged into an import of that module when the
file has one.
"""

from __future__ import annotations

import os
import re

import tree_sitter as ts

from ..graph.extract import parse
from ..graph.languages import language_for
from ..graph.resolve import JS_GLOBALS

_UNDEFINED = re.compile(
    r"(?:Cannot find name|[Uu]ndefined name)\s+['\"`]?([A-Za-z_$][\w$]*)"
    r"|['\"`]?([A-Za-z_$][\w$]*)['\"`]? is not defined"
)
_ES_IMPORT = re.compile(r"^import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+(['\"])([^'\"]+)\2;?[ \t]*$", re.M)
_CJS_IMPORT = re.compile(r"^(?:const|let|var)\s+\{([^}]*)\}\s*=\s*require\(\s*(['\"])([^'\"]+)\2\s*\);?[ \t]*$", re.M)
_ANY_IMPORT = re.compile(r"^(?:import\b.*|(?:const|let|var)\s+.*=\s*require\(.*\).*)$", re.M)
_EXTENSIONS = (".js", ".mjs", ".cjs", ".ts", ".tsx", ".jsx")


def undefined_names(message: str) -> list[str]:
    return [a or b for a, b in _UNDEFINED.findall(message)]


# Where an identifier names what is being declared (parent type -> the fields that declare; None
# for any child): the same identifier anywhere else is a use.
_DECLARING: dict[str, tuple[str | None, ...]] = {
    "import_specifier": ("name", "alias"),
    "import_clause": (None,),
    "namespace_import": (None,),
    "pair_pattern": ("value",),
    "rest_pattern": (None,),
    "array_pattern": (None,),
    "assignment_pattern": ("left",),
    "object_assignment_pattern": ("left",),
    "required_parameter": ("pattern",),
    "optional_parameter": ("pattern",),
    "formal_parameters": (None,),
    "catch_clause": ("parameter",),
    "for_in_statement": ("left",),
    "variable_declarator": ("name",),
    "function_declaration": ("name",),
    "generator_function_declaration": ("name",),
    "function_expression": ("name",),
    "class_declaration": ("name",),
    "abstract_class_declaration": ("name",),
    "class": ("name",),
    "enum_declaration": ("name",),
    "arrow_function": ("parameter",),
}


def undeclared_names(path: str, text: str) -> list[str]:
    """Names the file uses as values but never declares, imports or gets as a global, in order of
    first use: `parseMoney(x)` written by a model that saw `parseMoney` in another module."""
    spec = language_for(path)
    if spec is None:
        return []
    declared: set[str] = set()
    used: dict[str, None] = {}
    stack = [parse(spec, text.encode("utf-8")).root_node]
    while stack:
        node = stack.pop()
        if node.type == "export_specifier":
            continue  # `export { a } from "./m.js"` passes a name on without using it here
        stack.extend(reversed(node.children))
        if node.type == "shorthand_property_identifier_pattern":
            declared.add(_text(node))
        elif node.type == "shorthand_property_identifier":
            used.setdefault(_text(node))
        elif node.type == "identifier":
            (declared.add if _declares(node) else used.setdefault)(_text(node))  # type: ignore[operator]
        elif node.type == "type_identifier" and _declares(node):
            declared.add(_text(node))  # a TypeScript class, also a value
    return [name for name in used if name not in declared and name not in JS_GLOBALS]


def _declares(node: ts.Node) -> bool:
    parent = node.parent
    if parent is None or parent.type not in _DECLARING:
        return False
    fields = _DECLARING[parent.type]
    if None in fields:
        return True
    return any(parent.child_by_field_name(f) == node for f in fields if f is not None)


def _text(node: ts.Node) -> str:
    return (node.text or b"").decode("utf-8", "replace")


def exports(text: str, name: str) -> bool:
    """Whether a module's text exports `name` (ES `export`, or CommonJS `module.exports`/`exports.`)."""
    n = re.escape(name)
    return bool(
        re.search(rf"\bexport\s+(?:default\s+)?(?:async\s+)?(?:function\*?|class|const|let|var)\s+{n}\b", text)
        or re.search(rf"\bexport\s*\{{[^}}]*\b{n}\b[^}}]*\}}", text)
        or re.search(rf"\bmodule\.exports\s*=\s*\{{[^}}]*\b{n}\b", text)
        or re.search(rf"\b(?:module\.)?exports\.{n}\s*=", text)
    )


def import_spec(importer: str, importer_text: str, module: str) -> str:
    """How `importer` names `module`: a relative path, with an extension when the file's other
    relative imports carry one (`./units.js`, also for a .ts module in ESM TypeScript), and for a
    JavaScript module when there are none to go by (Node's ES modules need it)."""
    stem, extension = os.path.splitext(module)
    rel = os.path.relpath(stem, os.path.dirname(importer)).replace(os.sep, "/")
    if not rel.startswith("."):
        rel = "./" + rel
    specs = re.findall(r"""(?:from\s+|require\(\s*)['"](\.[^'"]+)['"]""", importer_text)
    seen = [os.path.splitext(spec)[1] for spec in specs]
    if not seen:
        return rel + (extension if extension in (".js", ".mjs", ".cjs") else "")
    if not any(e in _EXTENSIONS for e in seen):
        return rel
    if extension in (".ts", ".tsx"):
        return rel + next(e for e in seen if e in _EXTENSIONS)
    return rel + extension


def add_import(text: str, name: str, spec: str) -> str:
    """`text` importing `name` from `spec`, in the file's style, merged into an existing import of
    that module when there is one."""
    for pattern in (_ES_IMPORT, _CJS_IMPORT):
        for match in pattern.finditer(text):
            if match.group(3) != spec:
                continue
            names = [n.strip() for n in match.group(1).split(",") if n.strip()]
            names = sorted([*names, name], key=lambda n: n.removeprefix("type ").lower())
            start, end = match.span(1)
            return text[:start] + " " + ", ".join(names) + " " + text[end:]
    commonjs = "require(" in text and not re.search(r"^import\b", text, re.M)
    line = f'const {{ {name} }} = require("{spec}");' if commonjs else f'import {{ {name} }} from "{spec}";'
    imports = list(_ANY_IMPORT.finditer(text))
    if imports:
        last = imports[-1]
        return text[: last.end()] + "\n" + line + text[last.end() :]
    head = _leading_comments(text)
    return text[:head] + line + "\n" + ("\n" if text[head:].strip() else "") + text[head:]


def _leading_comments(text: str) -> int:
    """Where the code starts after a leading block comment, `"use strict"` or shebang."""
    at = 0
    for match in re.finditer(r"\s*(?:/\*.*?\*/|//[^\n]*|#![^\n]*|['\"]use strict['\"];?)", text, re.S):
        if match.start() != at:
            break
        at = match.end()
    return at + 1 if text[at : at + 1] == "\n" else at
