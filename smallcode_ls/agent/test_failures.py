"""What a failing test run says about its first failure, in a few lines a small model can use.

pytest ends its output with the failure and a summary, so its tail is enough. Node's test runner
(TAP) ends with the tests that passed and the counts: the failing test's name, the values it
expected and got, and where its assertion is sit in the middle, so they are taken from there, with
the failing test's own lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable

TEST_LINES = 15  # of the failing test's source, from its start to the failing assertion
_NOT_OK = re.compile(r"^[ \t]*not ok \d+ - .*$", re.M)
_NEXT = re.compile(r"^[ \t]*(?:not )?ok \d+|^[ \t]*1\.\.\d+", re.M)
_FRAME = re.compile(r"\((?:file://)?([^\s()']+\.(?:[mc]?js|jsx|tsx?)):(\d+):\d+\)")
_LOCATION = re.compile(r"^\s*location: '(?:file://)?([^']+):(\d+):\d+'", re.M)


def failure_excerpt(output: str, read: Callable[[str], tuple[str, str] | None], lines: int = 25) -> str:
    """The first failing test's TAP block (without node's own stack frames) and that test's
    source, else the output's last `lines` lines. `read(path)` gives a file the output names as
    (its name to show, its text), or None when it is not in the workspace."""
    block = _failing_block(output)
    if block is None:
        return "\n".join(output.strip().split("\n")[-lines:])
    kept = [line for line in block.split("\n") if "(node:" not in line and line.strip() != "..."]
    excerpt = "\n".join(kept[:lines])
    return excerpt + _test_source(block, read)


def _failing_block(output: str) -> str | None:
    """The first `not ok` block that reports values or an error (a suite's block only says that
    a subtest failed)."""
    for header in _NOT_OK.finditer(output):
        following = _NEXT.search(output, header.end())
        block = output[header.start() : following.start() if following else len(output)]
        if "subtestsFailed" not in block and re.search(r"^\s*(?:error|expected|actual):", block, re.M):
            return block.rstrip()
    return None


def _test_source(block: str, read: Callable[[str], tuple[str, str] | None]) -> str:
    """The failing test's lines, from where it starts to the frame of the failing assertion in its
    file (at most TEST_LINES)."""
    location = _LOCATION.search(block)
    if location is None:
        return ""
    path, start = location.group(1), int(location.group(2))
    found = read(path)
    if found is None:
        return ""
    shown, text = found
    end = start + TEST_LINES - 1  # no frame in its file: as much of the test as is shown at most
    for frame in _FRAME.finditer(block):
        if frame.group(1) == path and int(frame.group(2)) >= start:
            end = int(frame.group(2))
            break
    source = text.split("\n")[start - 1 : min(end, start + TEST_LINES - 1)]
    if not source:
        return ""
    return f"\nThe failing test ({shown}:{start}-{start + len(source) - 1}):\n" + "\n".join(source)
