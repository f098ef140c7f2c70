"""Which workspace functions each test runs: loaded with `-p smallcode_trace` (through
PYTEST_ADDOPTS) when smallcode-ls looks for the code behind a wrong result. Functions run by the
failing tests and not by the passing ones are the likeliest fault.

Self-contained on purpose: it runs inside the user's Python, which may not have smallcode-ls.
Writes one JSON file per process into SMALLCODE_TRACE_DIR (pytest-xdist runs several).
"""

from __future__ import annotations

import json
import os
import sys
from types import CodeType, FrameType
from typing import Any

import pytest

_DIR = os.environ.get("SMALLCODE_TRACE_DIR", "")
_ROOT = os.path.realpath(os.environ.get("SMALLCODE_TRACE_ROOT") or os.getcwd())
# Only these test files (relative to the root), when given: the failing tests and their neighbours
# are the contrast that matters, and tracing a whole suite is slow.
_FILES = {f for f in os.environ.get("SMALLCODE_TRACE_FILES", "").split(os.pathsep) if f}
_tests: dict[str, dict[str, Any]] = {}
_keys: dict[CodeType, tuple[str, str, int] | None] = {}


def _key(code: CodeType) -> tuple[str, str, int] | None:
    if code in _keys:
        return _keys[code]
    key = None
    filename = code.co_filename
    if filename and not filename.startswith("<"):
        real = os.path.realpath(filename)
        if real.startswith(_ROOT + os.sep) and "site-packages" not in real:
            qualname = getattr(code, "co_qualname", code.co_name)
            key = (os.path.relpath(real, _ROOT), qualname, code.co_firstlineno)
    _keys[code] = key
    return key


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not _FILES:
        return
    kept: list[pytest.Item] = []
    dropped: list[pytest.Item] = []
    for item in items:
        path = os.path.relpath(os.path.realpath(str(item.path)), _ROOT)
        (kept if path in _FILES else dropped).append(item)
    if kept and dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Any:
    seen: dict[tuple[str, str, int], int] = {}  # function -> the shallowest depth it ran at
    depth = 0

    def profile(frame: FrameType, event: str, arg: object) -> None:
        nonlocal depth
        if event == "call":
            depth += 1
            key = _key(frame.f_code)
            if key is not None and seen.get(key, 1 << 30) > depth:
                seen[key] = depth
        elif event == "return":
            depth -= 1

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        outcome = yield
    finally:
        sys.setprofile(previous)
    _tests[item.nodeid] = {
        "failed": outcome.excinfo is not None,
        "functions": [[path, qualname, line, level] for (path, qualname, line), level in seen.items()],
    }


def pytest_sessionfinish(session: pytest.Session) -> None:
    if not _DIR or not os.path.isdir(_DIR):
        return
    with open(os.path.join(_DIR, f"trace-{os.getpid()}.json"), "w", encoding="utf-8") as fh:
        json.dump({"root": _ROOT, "tests": _tests}, fh)
