"""An undefined name as a multiple-choice question: which existing name was meant?

A small model told `Undefined name NoPath` often sends its code back unchanged,
even with the right class in its context. Picking from a numbered list is an
easier task than writing: the harness lists the names that could stand there
(what the imported workspace modules and the file itself define, classes only
after `raise` or `except`), the model answers with a number, and the harness
puts the name in and verifies the edit like any other. Every choice would lint,
so only the model's own pick is tried; "none of them" is a valid answer. One
choice that alone shares several words with the missing name and its line is
taken without asking (a 0.5B model answers by position); the order is never
changed by those words, since context words mislead as often as they help.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .mutations import hide_strings_and_comments

MAX_CHOICES = 9  # one digit each


@dataclass(frozen=True)
class Choice:
    code: str  # what replaces the name: `errors.Unreachable`, `coerce`
    kind: str  # class | function
    summary: str  # the first line of its docstring, or ""


def _uses(name: str) -> re.Pattern[str]:
    """`name` as a whole name of its own, not an attribute (`x.name`) or part of a longer one."""
    return re.compile(rf"(?<![\w.]){re.escape(name)}\b")


def lines_using(text: str, name: str, limit: int = 3) -> list[str]:
    """The first lines of `text` that use `name`: what the question shows."""
    pattern = _uses(name)
    return [line for line in text.split("\n") if pattern.search(line)][:limit]


def wanted_kinds(unit_text: str, name: str, lang: str) -> tuple[str, ...]:
    """What may stand where `name` is used: a class after `raise`/`except`, a function or class when
    called; nothing (no question) when it is used as a plain value."""
    masked = hide_strings_and_comments(unit_text, lang)
    uses = list(_uses(name).finditer(masked))
    if not uses:
        return ()
    if all(re.search(r"\b(raise|except)\s*\(?[\w\s,.]*$", masked[: m.start()].split("\n")[-1]) for m in uses):
        return ("class",)
    if all(masked[m.end() :].lstrip(" ").startswith("(") for m in uses):
        return ("function", "class")
    return ()


def question(name: str, unit_label: str, lines: list[str], choices: list[Choice]) -> str:
    shown = "\n".join(f"  `{line.strip()}`" for line in lines)
    numbered = "\n".join(
        f"{i}. `{c.code}` ({c.kind})" + (f": {c.summary}" if c.summary else "") for i, c in enumerate(choices, 1)
    )
    return (
        f"`{name}` is used in {unit_label} but is defined nowhere:\n{shown}\n\n"
        f"Which of these existing names was meant?\n{numbered}\n0. none of them\n\n"
        "Answer with the number only."
    )


def picked(reply: str, choices: list[Choice]) -> Choice | None:
    """The choice a reply names, by number or by the name itself; None for 0, none, or unclear."""
    number = re.search(r"\b(\d)\b", reply)
    if number is not None:
        index = int(number.group(1))
        return choices[index - 1] if 1 <= index <= len(choices) else None
    named = [c for c in choices if _uses(c.code).search(reply)]
    return named[0] if len(named) == 1 else None


def replaced(text: str, start_line: int, end_line: int, name: str, code: str, lang: str) -> str:
    """`text` with `name` replaced by `code` wherever it is used as code in lines start..end (0-based)."""
    lines = text.split("\n")
    masked = hide_strings_and_comments(text, lang).split("\n")
    pattern = _uses(name)
    for number in range(start_line, min(end_line, len(lines) - 1) + 1):
        spans = [m.span() for m in pattern.finditer(masked[number])]
        line = lines[number]
        for begin, end in reversed(spans):
            line = line[:begin] + code + line[end:]
        lines[number] = line
    return "\n".join(lines)


def _words(text: str) -> set[str]:
    """Lower-case words of identifiers and prose: `NoPath(start, goal)` -> no, path, start, goal."""
    found = re.findall(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z0-9]+|[A-Z]+", text)
    return {w.lower() for w in found if len(w) > 1}


CLEAR_WIN = 3  # shared words a choice needs, with no other choice sharing any, to be taken unasked


def _shared(choice: Choice, name: str, lines: list[str]) -> int:
    wanted = _words(name) | _words(" ".join(lines))
    return len(wanted & (_words(choice.code.rpartition(".")[2]) | _words(choice.summary)))


def clear_winner(choices: list[Choice], name: str, lines: list[str]) -> Choice | None:
    """The one choice whose name and summary share CLEAR_WIN or more words with the missing name
    and its lines, when no other shares any: taken without asking. A 0.5B model answered "4", the
    last choice, for `NoPath` with `Unreachable` listed first or third alike."""
    scores = [(_shared(c, name, lines), c) for c in choices]
    best = [c for score, c in scores if score >= CLEAR_WIN]
    others = [c for score, c in scores if 0 < score < CLEAR_WIN]
    return best[0] if len(best) == 1 and not others else None
