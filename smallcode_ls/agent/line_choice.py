"""Which line is wrong: the decomposition for a failing test the model will not fix.

A small model shown a whole function and a failing test often sends the function back unchanged,
even when sampled. Asked a narrower question first (which numbered line has the bug) and then
given only the lines around its pick, it has one small thing to change. The pick is a guess the
tests then judge, like any edit.
"""

from __future__ import annotations

import re

from .mutations import hide_strings_and_comments

FAILURE_LINES = 25  # of the test output shown with the question


def code_lines(unit_text: str, first_line: int, lang: str) -> list[tuple[int, str]]:
    """(0-based file line, text) for each line of the unit with code on it: no blank, comment-only
    or docstring lines."""
    masked = hide_strings_and_comments(unit_text, lang).split("\n")
    found = []
    for offset, (line, bare) in enumerate(zip(unit_text.split("\n"), masked, strict=True)):
        if bare.strip():
            found.append((first_line + offset, line))
    return found


def line_question(unit_label: str, lines: list[tuple[int, str]], failure: str, task: str) -> str:
    numbered = "\n".join(f"{i:>3}: {text}" for i, (_, text) in enumerate(lines, 1))
    tail = "\n".join(failure.strip().split("\n")[-FAILURE_LINES:])
    return (
        f"The task: {task}\n\nA test still fails:\n{tail}\n\n"
        f"The code of {unit_label}, with numbered lines:\n{numbered}\n\n"
        "Which one line has the bug? Answer with the number only."
    )


def picked_line(reply: str, lines: list[tuple[int, str]]) -> int | None:
    """The 0-based file line the reply names by its number; None when unclear."""
    number = re.search(r"\b(\d{1,3})\b", reply)
    if number is None:
        return None
    index = int(number.group(1))
    return lines[index - 1][0] if 1 <= index <= len(lines) else None
