"""Names a stub's docstring points at, and whether an implementation uses them."""

from __future__ import annotations

from smallcode_ls.agent.doc_names import doc_name_problems, pointed_names, unused_names

STUB = '''    def try_acquire(self, now: float, tokens: float = 1.0) -> bool:
        """Take `tokens` at time `now` if enough are available.

        First refill with `_refill(now)`. Expiry is `Entry.is_expired`; `n == 0` is a phrase,
        and so is `[name]`.
        """
        raise NotImplementedError'''


def test_pointed_names_keep_qualified_names_and_skip_parameters() -> None:
    skip = {"try_acquire", "self", "now", "tokens", "float", "bool"}
    assert pointed_names(STUB, skip) == ["_refill", "Entry.is_expired"]


def test_strings_and_comments_do_not_count_as_use() -> None:
    body = 'def f(x):\n    """Calls `_refill`."""\n    # _refill is not needed\n    return "_refill"\n'
    assert unused_names(body, "python", ["_refill", "Entry.is_expired"]) == ["_refill", "Entry.is_expired"]
    assert unused_names("def f(e):\n    return e.is_expired()\n", "python", ["Entry.is_expired"]) == []
    assert unused_names("function f() { return this._refill(); }", "javascript", ["_refill"]) == []


def test_only_names_the_workspace_defines_are_problems() -> None:
    body = "def try_acquire(self, now, tokens=1.0):\n    return self.tokens >= tokens\n"
    where = {"_refill": "an attribute of `TokenBucket`"}
    problems = doc_name_problems(STUB, body, "python", {"self", "now", "tokens"}, where.get)
    assert list(problems) == ["_refill"]
    assert "`_refill` (an attribute of `TokenBucket`)" in problems["_refill"]
