"""Imports an edit adds that reach into test code.

A small model shown a test helper among the related code (`at()` in tests/test_intervals.py) may
import it into the code it writes. Lint passes and so may the tests, since they run where the test
modules are importable; the shipped code then depends on the tests and fails everywhere else.
"""

from __future__ import annotations

import ast
import os

from ..graph.store import CodeGraph


def added_test_imports(graph: CodeGraph, path: str, before: str, candidate: str) -> list[str]:
    """Feedback for each import in `candidate`, and not in `before`, of a module that exists in
    the workspace only as test code. Python only; test files may import each other freely."""
    if not path.endswith(".py") or graph.is_test_file(path):
        return []
    package = _package(graph, path)
    old = {module for module, _ in _imported(before, package)}
    found: list[str] = []
    for module, line in _imported(candidate, package):
        if module in old:
            continue
        files = sorted(graph.modules.get(module, ()))
        if files and all(graph.is_test_file(f) for f in files):
            where = os.path.relpath(files[0], graph.root_of(files[0]))
            found.append(
                f"`{line}` imports the test file {where}: code outside the tests must not depend on them; "
                "write what you need without it"
            )
    return list(dict.fromkeys(found))


def _imported(text: str, package: list[str]) -> list[tuple[str, str]]:
    """(module, import line) for every import in the text, `from pkg import mod` counting as both
    `pkg` and `pkg.mod`; nothing when the text does not parse (lint reports that)."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError):
        return []
    found: list[tuple[str, str]] = []
    for node in ast.walk(tree):
        line = " ".join((ast.get_source_segment(text, node) or "").split())
        if isinstance(node, ast.Import):
            found += [(alias.name, line) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                up = len(package) - (node.level - 1)
                if up < 0:
                    continue
                base = ".".join(package[:up] + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            if base:
                found.append((base, line))
            found += [(f"{base}.{alias.name}" if base else alias.name, line) for alias in node.names]
    return found


def _package(graph: CodeGraph, path: str) -> list[str]:
    """The package a relative import in `path` starts from, as its dotted parts."""
    names = graph.file_modules.get(path) or []
    if not names:
        return []
    module = max(names, key=lambda n: n.count(".")).split(".")
    return module if os.path.basename(path) == "__init__.py" else module[:-1]
