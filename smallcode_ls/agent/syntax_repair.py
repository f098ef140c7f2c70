"""One-token repairs of Python syntax slips, tried by the harness before any model call.

Most syntax errors in code being edited are one missing token or one line at the
wrong depth: a colon after `for heading in headings`, a `]` at the end of a
comprehension, a comma between dict entries, a `return` dedented out of its
method. Python's parser names the line; the candidates here change that line (or
one just above it) by one token or one indentation step, and the caller keeps the
first that parses and lints better. Anything bigger is left to the model.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_COMPOUND = re.compile(r"^\s*(?:async\s+)?(?:if|elif|else|for|while|def|class|with|try|except|finally|match|case)\b")
_PAIRS = {"(": ")", "[": "]", "{": "}"}
LINES_ABOVE = 2  # a missing closer or comma shows on the next line


def repairs(text: str, line: int, message: str) -> list[str]:
    """Candidate texts, each with one small repair at or just above `line` (0-based), of the kinds
    the error `message` points to, likeliest first: a missing colon, missing closing brackets, a
    missing comma, the line moved to the indentation of the code around it. A comma is tried only
    when Python suspects one: `return a <= b,` parses too."""
    lines = text.split("\n")
    if not 0 <= line < len(lines):
        return []
    lowered = message.lower()
    indentation = "indent" in lowered or "outside" in lowered
    comma = "comma" in lowered
    tokens = not indentation
    found: list[str] = []

    def with_line(number: int, new: str) -> None:
        candidate = "\n".join([*lines[:number], new, *lines[number + 1 :]])
        if candidate != text and candidate not in found:
            found.append(candidate)

    for number in _nearby(lines, line) if tokens else []:
        code, comment = _split_comment(lines[number])
        stripped = code.rstrip()
        tail = code[len(stripped) :] + comment
        if not stripped:
            continue
        if _COMPOUND.match(stripped) and not stripped.endswith(":"):
            with_line(number, stripped + ":" + tail)
        closers = _unclosed(stripped)
        if closers:
            with_line(number, stripped + closers + tail)
        if comma and stripped[-1] not in ",([{:\\":
            with_line(number, stripped + "," + tail)
    current = _indent(lines[line])
    for indent in _indents_around(lines, line) if indentation else []:
        if indent != current:
            with_line(line, " " * indent + lines[line].lstrip())
    return found


def _nearby(lines: list[str], line: int) -> list[int]:
    """The line and the non-blank lines just above it."""
    found = [line]
    number = line - 1
    while number >= 0 and len(found) <= LINES_ABOVE:
        if lines[number].strip():
            found.append(number)
        number -= 1
    return found


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _indents_around(lines: list[str], line: int) -> list[int]:
    """Indentations the line could take, nearest first: the previous code line's, one step deeper,
    then each enclosing block's."""
    above = [_indent(text) for text in lines[:line] if text.strip() and not text.lstrip().startswith("#")]
    if not above:
        return [0]
    previous = above[-1]
    found = [previous, previous + 4]
    for indent in reversed(above):
        if indent < found[-1] and indent not in found:
            found.append(indent)
    return found


def _code_chars(line: str) -> Iterator[tuple[int, str]]:
    """(index, character) of each character of the line outside string literals."""
    quote = ""
    escaped = False
    for index, char in enumerate(line):
        if quote:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        else:
            yield index, char


def _split_comment(line: str) -> tuple[str, str]:
    """The code of a line and its trailing `# comment` (a `#` inside a string is code)."""
    for index, char in _code_chars(line):
        if char == "#":
            return line[:index], line[index:]
    return line, ""


def _unclosed(code: str) -> str:
    """The closers the line's own unclosed brackets need, innermost first ('' when balanced or
    when the line closes more than it opens: a continuation)."""
    stack: list[str] = []
    for _, char in _code_chars(code):
        if char in _PAIRS:
            stack.append(_PAIRS[char])
        elif char in _PAIRS.values():
            if not stack or stack[-1] != char:
                return ""
            stack.pop()
    return "".join(reversed(stack))
