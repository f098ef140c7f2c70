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


# Which end of a sequence is read or taken: a queue served like a stack (`lots[lots.length - 1]`
# for the oldest lot, `pop()` for `pop(0)`) is a wrong result no message points at, and a small
# model asked about it tends to rewrite the loop around it instead.
_JS_ENDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?<![\w$.])([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\[\s*\1\.length\s*-\s*1\s*\]"), r"\1[0]"),
    (re.compile(r"(?<![\w$.])([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)\[0\]"), r"\1[\1.length - 1]"),
    (re.compile(r"\.pop\(\)"), ".shift()"),
    (re.compile(r"\.shift\(\)"), ".pop()"),
]
_PY_ENDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?<=[\w\])])\[-1\]"), "[0]"),
    (re.compile(r"(?<=[\w\])])\[0\]"), "[-1]"),
    (re.compile(r"\.pop\(\)"), ".pop(0)"),
    (re.compile(r"\.pop\(0\)"), ".pop()"),
    (re.compile(r"\.popleft\(\)"), ".pop()"),
]


def end_mutants(text: str, lang: str, limit: int = 6) -> list[str]:
    """Versions of `text` with one sequence read or taken from the other end (`xs[-1]` and `xs[0]`,
    `pop()` and `pop(0)`, `shift()` in JavaScript), in order of appearance."""
    masked = hide_strings_and_comments(text, lang)
    found: list[tuple[int, str]] = []
    for pattern, replacement in _PY_ENDS if lang == "python" else _JS_ENDS:
        for match in pattern.finditer(masked):
            changed = match.expand(replacement)
            # The masked text has the same code as the text outside strings and comments.
            found.append((match.start(), text[: match.start()] + changed + text[match.end() :]))
    return [variant for _, variant in sorted(found, key=lambda f: f[0])][:limit]
