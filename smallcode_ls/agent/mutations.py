"""Boundary mutants: a function with one comparison moved across its boundary (`<` to `<=`, `>=`
to `>`). Off-by-one comparisons are among the commonest wrong results, and a small model asked
to fix one often sends the code back unchanged; the harness tries each flip and lets the tests
decide, as mutation-based program repair does.
"""

from __future__ import annotations

import re

_FLIP = {"<": "<=", "<=": "<", ">": ">=", ">=": ">"}
# `<`, `<=`, `>`, `>=` on their own: not `->`, `=>`, `<<`, `>>`, `<<=`, `>>=` or `<=>`.
_COMPARISON = re.compile(r"(?<![<>=!-])(<=|>=|<|>)(?![<>=])")
_PY_HIDDEN = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|#[^\n]*')
_JS_HIDDEN = re.compile(r"/\*[\s\S]*?\*/|//[^\n]*|\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`")


def boundary_mutants(text: str, lang: str, limit: int = 12) -> list[str]:
    """Versions of `text` with one comparison operator flipped across its boundary, in order."""
    hidden = _PY_HIDDEN if lang == "python" else _JS_HIDDEN
    masked = hidden.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    found = []
    for match in _COMPARISON.finditer(masked):
        flipped = _FLIP[match.group(1)]
        found.append(text[: match.start()] + flipped + text[match.end() :])
        if len(found) >= limit:
            break
    return found
