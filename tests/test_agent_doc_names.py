"""Names a stub's docstring points at, and whether an implementation uses them."""

from __future__ import annotations

from smallcode_ls.agent.doc_names import doc_name_problems, documented_errors, pointed_names
from smallcode_ls.agent.mutations import strings_and_comments

STUB = '''    def try_acquire(self, now: float, tokens: float = 1.0) -> bool:
        """Take `tokens` at time `now` if enough are available.

        First refill with `_refill(now)`. Expiry is `Entry.is_expired`; `n == 0` is a phrase,
        and so is `[name]`.
        """
        raise NotImplementedError'''
DOC = strings_and_comments(STUB, "python")  # what the engine reads: the docstring, not the placeholder


def test_pointed_names_keep_qualified_names_and_skip_parameters() -> None:
    skip = {"try_acquire", "self", "now", "tokens", "float", "bool"}
    assert pointed_names(DOC, skip) == ["_refill", "Entry.is_expired"]


def never_excused(error: str, words: set[str]) -> bool:
    return False


def test_strings_and_comments_do_not_count_as_use() -> None:
    where = {"_refill": "here", "Entry.is_expired": "there"}.get
    body = 'def f(x):\n    """Calls `_refill`."""\n    # _refill is not needed\n    return "_refill"\n'
    assert list(doc_name_problems(DOC, body, "python", set(), where, never_excused)) == ["_refill", "is_expired"]
    used = "def f(e):\n    return e.is_expired() and e._refill()\n"
    assert doc_name_problems(DOC, used, "python", set(), where, never_excused) == {}
    js = "function f() { return this._refill() || e.is_expired(); }"
    assert doc_name_problems(DOC, js, "javascript", set(), where, never_excused) == {}


def test_only_names_the_workspace_defines_are_problems() -> None:
    body = "def try_acquire(self, now, tokens=1.0):\n    return self.tokens >= tokens\n"
    where = {"_refill": "an attribute of `TokenBucket`"}
    problems = doc_name_problems(DOC, body, "python", {"self", "now", "tokens"}, where.get, never_excused)
    assert list(problems) == ["_refill"]
    assert "`_refill` (an attribute of `TokenBucket`)" in problems["_refill"]


def test_errors_the_docstring_promises() -> None:
    doc = "Raises ValueError if `width` < 1; any other line raises ConfigError, and throws a RangeError."
    assert documented_errors(doc) == ["ValueError", "ConfigError", "RangeError"]
    body = "def f(width):\n    if width < 1:\n        raise ValueError(width)\n    return parse(width)\n"

    def parse_raises_config_error(error: str, words: set[str]) -> bool:
        return error == "ConfigError" and "parse" in words

    problems = doc_name_problems(doc, body, "python", {"width"}, {}.get, parse_raises_config_error)
    assert list(problems) == ["RangeError"]
    assert "the docstring says `RangeError` is raised, but the code never raises it" in problems["RangeError"]
