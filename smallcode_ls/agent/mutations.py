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


def hide_strings_and_comments(text: str, lang: str) -> str:
    """`text` with its strings and comments blanked out (same length, newlines kept), so that a
    search for code finds no operator or name inside them."""
    hidden = _PY_HIDDEN if lang == "python" else _JS_HIDDEN
    return hidden.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def strings_and_comments(text: str, lang: str) -> str:
    """Only the strings and comments of `text` (docstrings, JSDoc), one per line."""
    hidden = _PY_HIDDEN if lang == "python" else _JS_HIDDEN
    return "\n".join(m.group(0) for m in hidden.finditer(text))


def boundary_mutants(text: str, lang: str, limit: int = 12) -> list[str]:
    """Versions of `text` with one comparison operator flipped across its boundary, in order."""
    masked = hide_strings_and_comments(text, lang)
    found = []
    by_line: dict[int, list[re.Match[str]]] = {}
    for match in _COMPARISON.finditer(masked):
        flipped = _FLIP[match.group(1)]
        found.append(text[: match.start()] + flipped + text[match.end() :])
        by_line.setdefault(masked.count("\n", 0, match.start()), []).append(match)
    # An interval test (`a_start <= b_end and b_start <= a_end`) is wrong on both sides at once.
    for matches in by_line.values():
        if len(matches) > 1 and len({m.group(1) for m in matches}) == 1:
            variant = text
            for match in reversed(matches):
                variant = variant[: match.start()] + _FLIP[match.group(1)] + variant[match.end() :]
            found.append(variant)
    return found[:limit]
