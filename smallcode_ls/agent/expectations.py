"""What an example script expected, against what the new code printed.

A small model asked for an example call of its own code often writes the value it expects next to
each call (`print(slugify("Café"))  # expect: cafe`), and that value comes from the docstring, not
from the code it wrote. Where the two disagree, one of them is wrong, and the model gets to look
again. Only expectations that can be compared for sure count: a Python literal, or one bare word
or number; `Job('a', 5)` against a dataclass's repr would be a false alarm.
"""

from __future__ import annotations

import ast
import contextlib
import io
import itertools
import json
import math
import re
import tokenize
from dataclasses import dataclass

# `# expect: 3`, `# Output: cafe`, `# -> [1, 2]`, `# returns True`.
_COMMENT = re.compile(r"^#\s*(?:expect(?:ed|s)?|outputs?|returns?|results?|->|=>|==)\s*:?\s*(.+?)\s*$", re.I)
_BARE = re.compile(r"^[\w.:+-]+$")
MARK = "@@smallcode-expect@@ "
HELPER = "_smallcode_expect"
# One line, so that the script's own line numbers move by exactly one.
PRELUDE = (
    f"import json as _smallcode_json; {HELPER} = lambda line, value: (print(value), "
    f"print({MARK!r} + _smallcode_json.dumps([line, repr(value), str(value)])))\n"
)
PRELUDE_LINES = 1
PLACEHOLDERS = frozenset({"", "value", "result", "output", "?", "none shown", "the result", "expected value"})


@dataclass(frozen=True)
class Expectation:
    line: int  # 1-based, in the model's script
    call: str  # the printed expression
    expected: str  # as the model wrote it


@dataclass(frozen=True)
class Miss:
    expectation: Expectation
    printed: str
    stated: bool = False  # the expected value is one the docstring itself gives

    def describe(self, whose: str = "your example") -> str:
        e = self.expectation
        return f"`{e.call}` printed `{self.printed}` where {whose} expected `{e.expected}`"


def instrumented(script: str) -> tuple[str, list[Expectation]]:
    """The script with each top-level `print(value)  # expect: x` reporting its value for the
    harness, and those expectations; the script unchanged when it has none. The expectation may
    also stand on a comment line above the print (`# expect: x`, then the code that prints)."""
    try:
        tree = ast.parse(script)
        comments = _comments(script)
    except (SyntaxError, tokenize.TokenError, IndentationError):
        return script, []
    lines = script.split("\n")
    found: list[Expectation] = []
    pending: str | None = None  # an expectation on a comment line, waiting for its print
    after = 0  # the last line of the previous statement
    for stmt in tree.body:
        for number in range(after + 1, stmt.lineno):
            if lines[number - 1].lstrip().startswith("#") and _expected(comments.get(number, "")) is not None:
                pending = _expected(comments[number])
        after = stmt.end_lineno or stmt.lineno
        printed = _printed(script, stmt, comments)
        if printed is None:
            if isinstance(stmt, (ast.For, ast.While, ast.If, ast.With, ast.Try, ast.FunctionDef, ast.ClassDef)):
                pending = None  # its prints are not one value
            continue
        arg, expected = printed
        expected, pending = expected or pending, None
        if expected is None:
            continue
        line = lines[stmt.lineno - 1]
        start, end = stmt.col_offset, stmt.end_col_offset or len(line)
        lines[stmt.lineno - 1] = f"{line[:start]}{HELPER}({stmt.lineno}, {arg}){line[end:]}"
        found.append(Expectation(stmt.lineno, arg, expected))
    if not found:
        return script, []
    return PRELUDE + "\n".join(lines), found


def _printed(script: str, stmt: ast.stmt, comments: dict[int, str]) -> tuple[str, str | None] | None:
    """For a one-line `print(value)`, the value's source and the expectation on its own line."""
    call = stmt.value if isinstance(stmt, ast.Expr) else None
    if not (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Name)
        and call.func.id == "print"
        and 1 <= len(call.args) <= 2
        and not call.keywords
        and not any(isinstance(a, ast.Starred) for a in call.args)
        and stmt.lineno == stmt.end_lineno
    ):
        return None
    said, value = comments.get(stmt.lineno, ""), call.args[0]
    if len(call.args) == 2:
        first, second = (
            a.value if isinstance(a, ast.Constant) and isinstance(a.value, str) else None for a in call.args
        )
        if first is not None:
            value = call.args[1]  # `print("Total:", total())  # expect: 5`
        elif second is not None:
            # `print(total(), "# expect: 5")`: the expectation written as a second argument.
            said = second if second.lstrip().startswith("#") else f"# {second}"
        else:
            return None
    arg = ast.get_source_segment(script, value)
    return (arg, _expected(said)) if arg is not None else None


def misses(output: str, expectations: list[Expectation]) -> list[Miss]:
    """The expectations the run's output contradicts (one not reached is no miss)."""
    by_line = {e.line: e for e in expectations}
    found: list[Miss] = []
    for raw in output.split("\n"):
        if not raw.startswith(MARK):
            continue
        try:
            line, shown, text = json.loads(raw[len(MARK) :])
        except (ValueError, TypeError):
            continue
        e = by_line.pop(line, None) if isinstance(line, int) else None
        if e is not None and not agrees(e.expected, str(shown), str(text)):
            found.append(Miss(e, text if len(text) <= 200 else text[:200] + "..."))
    return found


def printed(output: str, expectations: list[Expectation]) -> list[tuple[str, str]]:
    """(expected, printed repr) for each expectation the run printed a value for, right or wrong."""
    by_line = {e.line: e for e in expectations}
    found: list[tuple[str, str]] = []
    for raw in output.split("\n"):
        if raw.startswith(MARK):
            with contextlib.suppress(ValueError, TypeError):
                line, shown, _ = json.loads(raw[len(MARK) :])
                e = by_line.pop(line, None) if isinstance(line, int) else None
                if e is not None:
                    found.append((e.expected, str(shown)))
    return found


def unlike_pattern(values: list[tuple[str, str]]) -> int:
    """Pairs of calls that printed the same value where different ones were expected, or the
    reverse. The model often gets a value's form wrong (`job1` for a `Job`) but its pattern right:
    a `pop` printing one job three times, where three were expected, is wrong either way."""
    return sum((e1 == e2) != (p1 == p2) for (e1, p1), (e2, p2) in itertools.combinations(values, 2))


def stated_in(expected: str, doc: str) -> bool:
    """Whether the docstring gives the expected value itself (`"Café" -> "cafe"`, `212 F`): a small
    model's own expectations are often wrong, the ones it copies from the docstring much less."""
    forms = {expected, expected.strip("'\"")}
    forms |= {f[:-2] for f in forms if re.fullmatch(r"-?\d+\.0", f)}  # 212.0 is the docstring's 212
    return any(
        len(f) >= 2 and f not in ("True", "False", "None") and re.search(rf"(?<![\w.]){re.escape(f)}(?![\w])", doc)
        for f in forms
    )


def shown_output(output: str) -> str:
    """The run's output without the harness's report lines."""
    return "\n".join(line for line in output.split("\n") if not line.startswith(MARK))


def agrees(expected: str, shown: str, text: str) -> bool:
    """Whether a value whose repr is `shown` and str is `text` is what `expected` says; True when
    that cannot be told."""
    if expected in (shown, text):
        return True
    try:
        value = ast.literal_eval(expected)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        # Not a literal: only one bare word or number (`cafe`, `2024-01-05`) is compared.
        return not _BARE.match(expected) or expected.strip("'\"") == text
    if repr(value) == shown or (isinstance(value, str) and value == text):
        return True
    try:
        actual = ast.literal_eval(shown)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return isinstance(value, (int, float)) and _close_text(value, expected, text) is not False
    return _same(value, actual, expected)


def _same(value: object, actual: object, expected: str) -> bool:
    if isinstance(value, bool) or isinstance(actual, bool):
        return value == actual
    if isinstance(value, (int, float)) and isinstance(actual, (int, float)):
        return _close(float(value), float(actual), expected)
    return value == actual


def _close(value: float, actual: float, expected: str) -> bool:
    """Equal to the precision the expectation was written with (`3.11` for 3.10686)."""
    if math.isnan(value) or math.isnan(actual):
        return math.isnan(value) and math.isnan(actual)
    decimals = len(expected.split(".", 1)[1]) if "." in expected and "e" not in expected.lower() else 0
    return abs(value - actual) <= max(0.5 * 10**-decimals, 1e-9 * abs(value)) if decimals else value == actual


def _close_text(value: float, expected: str, text: str) -> bool | None:
    try:
        return _close(float(value), float(text), expected)
    except ValueError:
        return None


def _expected(comment: str) -> str | None:
    match = _COMMENT.match(comment.strip())
    if match is None:
        return None
    expected = match.group(1).strip()
    # The prompt's own placeholder copied back, or no value at all.
    return None if expected.lower().strip("<>.`'\"") in PLACEHOLDERS else expected


def _comments(script: str) -> dict[int, str]:
    """The comment on each line of the script, by 1-based line."""
    found: dict[int, str] = {}
    for token in tokenize.generate_tokens(io.StringIO(script).readline):
        if token.type == tokenize.COMMENT:
            found[token.start[0]] = token.string
    return found
