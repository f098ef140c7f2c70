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
