"""Reading and writing .env files.

Supported syntax, one assignment per line:

    # comment
    NAME=value            # trailing comment after whitespace
    export NAME=value     # the shell's `export` is accepted and ignored
    NAME='single quoted, taken literally'
    NAME="double quoted, with \\n escapes and ${OTHER} expansion"
    NAME="a double quoted value
    may span several lines"

Unquoted and double-quoted values expand `$NAME`, `${NAME}` and
`${NAME:-fallback}` from earlier assignments, then from `environ`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_VAR = re.compile(r"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|([A-Za-z_][A-Za-z0-9_]*))")
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "$": "$"}


@dataclass(frozen=True)
class Assignment:
    """One NAME=value of the file; `lineno` is where it starts (1-based)."""

    key: str
    raw: str
    quote: str
    lineno: int


def _logical_lines(text: str) -> Iterator[tuple[int, str]]:
    """Physical lines, except that a double-quoted value left open continues on the next lines."""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        start = i
        line = lines[i]
        i += 1
        _, eq, value = line.partition("=")
        value = value.strip()
        if eq and value.startswith('"') and not _closes(value[1:]):
            while i < len(lines):
                line += "\n" + lines[i]
                i += 1
                if _closes(lines[i - 1]):
                    break
        yield start + 1, line


def _closes(fragment: str) -> bool:
    """True when `fragment` holds an unescaped double quote."""
    escaped = False
    for ch in fragment:
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif ch == '"':
            return True
    return False


def _split_value(value: str) -> tuple[str, str]:
    """(raw value, quote character or '') with quotes and comments removed."""
    value = value.strip()
    if value[:1] in ("'", '"'):
        quote = value[0]
        body = value[1:]
        if quote == "'":
            end = body.find("'")
            return (body if end < 0 else body[:end]), quote
        escaped = False
        for index, ch in enumerate(body):
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                return body[:index], quote
        return body, quote
    comment = re.search(r"\s#", value)
    if comment:
        value = value[: comment.start()]
    return value.strip(), ""


def _unescape(body: str) -> str:
    out = []
    chars = iter(body)
    for ch in chars:
        if ch == "\\":
            nxt = next(chars, "")
            out.append(ESCAPES.get(nxt, "\\" + nxt))
        else:
            out.append(ch)
    return "".join(out)


def expand(value: str, known: Mapping[str, str], environ: Mapping[str, str]) -> str:
    """Replace $NAME, ${NAME} and ${NAME:-fallback}; unknown names become ''."""

    def replace(match: re.Match) -> str:
        name = match.group(1) or match.group(3)
        fallback = match.group(2)
        found = known.get(name, environ.get(name))
        if found in (None, "") and fallback is not None:
            return fallback
        return found or ""

    return _VAR.sub(replace, value)


def assignments(text: str) -> list[Assignment]:
    """The well-formed assignments of `text`, in order; other lines are skipped."""
    found = []
    for lineno, line in _logical_lines(text):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("export "):
            stripped = stripped[len("export ") :].lstrip()
        key, eq, value = stripped.partition("=")
        key = key.strip()
        if not eq or not KEY.match(key):
            continue
        raw, quote = _split_value(value)
        found.append(Assignment(key, raw, quote, lineno))
    return found


def parse_env(text: str, *, environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """NAME -> value for every assignment in `text`; later assignments win."""
    environ = environ or {}
    values: dict[str, str] = {}
    for item in assignments(text):
        if item.quote == "'":
            values[item.key] = item.raw
        elif item.quote == '"':
            values[item.key] = expand(_unescape(item.raw), values, environ)
        else:
            values[item.key] = expand(item.raw, values, environ)
    return values


def _needs_quotes(value: str) -> bool:
    return value == "" or any(ch in value for ch in " \t\n#'\"$\\=")


def dumps(values: Mapping[str, str]) -> str:
    """Write `values` back as .env text that parse_env reads to the same mapping."""
    lines = []
    for key, value in values.items():
        if not KEY.match(key):
            raise ValueError(f"invalid key {key!r}")
        if _needs_quotes(value):
            body = value.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$").replace("\n", "\\n")
            lines.append(f'{key}="{body}"')
        else:
            lines.append(f"{key}={value}")
    return "\n".join(lines) + ("\n" if lines else "")
