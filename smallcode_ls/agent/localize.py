"""Where to fix a failing test: read the test output (Python tracebacks, pytest's summary, Node
stack traces) and name the workspace code to change, likeliest first. No model involved.
"""

from __future__ import annotations

import os
import re

from ..graph.model import Symbol
from ..graph.store import CodeGraph
from ..workspace import Workspace, WorkspaceError
from .spectrum import Spectrum
from .units import find_symbol

# The engine tries three units: leave room for one the failing test line names.
SPECTRUM_SUSPECTS = 2
_RAISES = re.compile(r"(?:^\s*|[:;{)]\s*)(?:raise|throw)\b")


class FailureLocator:
    def __init__(self, workspace: Workspace, graph: CodeGraph) -> None:
        self.ws = workspace
        self.graph = graph

    def suspects(self, output: str, spectrum: Spectrum | None = None) -> list[tuple[str, int]]:
        """Where to fix a failing test, likeliest first: the deepest stack frame in workspace code
        outside the tests, or, when that frame deliberately raises (`raise UnknownRegion(...)`,
        `throw new RangeError(...)`), the frame that called it with the bad input, then the raising
        one. With no such frame (a wrong result): the functions only the failing tests run (from
        `spectrum`, when the tests could be traced), then the code the failing test line calls."""
        code_frames, test_frames = self._frames(output)
        located: list[tuple[str, int]] = []
        if not code_frames and spectrum is not None:
            named = self._test_line_symbols(*test_frames[-1]) if test_frames else []
            return self._by_spectrum(named, spectrum, _failing_test_name(output))
        if code_frames:
            deepest = code_frames[-1]
            lines = self.ws.read(deepest[0]).split("\n")
            raises = 0 <= deepest[1] < len(lines) and bool(_RAISES.search(lines[deepest[1]]))
            callers = [f for f in code_frames[:-1] if f != deepest]
            located += [callers[-1], deepest] if raises and callers else [deepest]
        if test_frames:
            located += [(sym.path, sym.start[0]) for sym in self._test_line_symbols(*test_frames[-1])]
        if located:
            return located
        # A wrong result rather than an exception: the code under test is what the failing test calls.
        for match in re.finditer(r"^(?:FAILED|ERROR) ([^\s:]+\.py)::(\S+)", output, re.M):
            try:
                test_path = self.ws.resolve(match.group(1))
            except WorkspaceError:
                continue
            test_id = f"{test_path}::{match.group(2).split('[')[0].replace('::', '.')}"
            failing_line = self._failing_line(output)
            called = [c.symbol for c in self.graph.callees(test_id) if c.symbol and not self.graph.is_test_file(c.path)]
            called.sort(key=lambda sym: (sym.name not in failing_line, sym.path, sym.start))
            if called:
                return [(sym.path, sym.start[0]) for sym in called[:2]]
        return []

    def failing_test_files(self, output: str) -> list[str]:
        """The workspace test files pytest's summary names (`FAILED tests/test_x.py::test_y`)."""
        found: list[str] = []
        for match in re.finditer(r"^(?:FAILED|ERROR) ([^\s:]+\.py)::", output, re.M):
            try:
                path = self.ws.resolve(match.group(1))
            except WorkspaceError:
                continue
            if os.path.isfile(path) and path not in found:
                found.append(path)
        return found

    def wrong_result(self, output: str) -> bool:
        """No workspace code raised: a test got a wrong value (worth tracing the tests for)."""
        return not self._frames(output)[0]

    def _frames(self, output: str) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
        """The failing stack's frames in workspace code and in tests, outermost first."""
        # Only the last Python traceback: earlier ones belong to other failing tests.
        starts = [
            m.start() for m in re.finditer(r"^(?:_{3,} .* _{3,}|Traceback \(most recent call last\):)$", output, re.M)
        ]
        last = output[starts[-1] :] if starts else output
        code_frames: list[tuple[str, int]] = []
        test_frames: list[tuple[str, int]] = []
        for match in re.finditer(r'^\s*File "([^"]+)", line (\d+)|^([^\s:]+\.py):(\d+): ', last, re.M):
            file, line = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
            self._sort_frame(file, int(line) - 1, code_frames, test_frames)
        if not code_frames and not test_frames:
            # JavaScript stacks list the innermost frame first; only the first failing test's.
            failing = output
            header = re.search(r"^\s*not ok \d+", output, re.M)
            if header is not None:
                following = re.search(r"^\s*(?:not )?ok \d+", output[header.end() :], re.M)
                failing = output[header.end() : header.end() + following.start() if following else None]
            for match in re.finditer(r"\((?:file://)?([^\s()']+\.(?:[mc]?js|tsx?)):(\d+):\d+\)", failing):
                self._sort_frame(match.group(1), int(match.group(2)) - 1, code_frames, test_frames)
            code_frames.reverse()
            test_frames.reverse()
        return code_frames, test_frames

    def _by_spectrum(self, named: list[Symbol], spectrum: Spectrum, test_name: str = "") -> list[tuple[str, int]]:
        """The suspects the failing test line names, and the functions the spectrum ranks highest,
        ordered by their score: a function only the failing tests run goes before one every test
        runs. Equal scores keep the test line's order, then the spectrum's (deepest first). A
        function the failing test is named after (`get` for test_get_refreshes_recency) goes first
        when that test ran it."""
        runs = {(r.path, r.qualname): r for r in spectrum.functions.values()}
        scored: list[tuple[float, int, str, int]] = []
        for order, sym in enumerate(named):
            found = runs.get((sym.path, sym.qualname))
            score = spectrum.score(found) if found else 0.0
            scored.append((score + _named_after(sym.qualname, test_name, score), order, sym.path, sym.start[0]))
        seen = {(sym.path, sym.qualname) for sym in named}
        extra = 0
        for r in spectrum.ranked():
            qualname = r.qualname.split(".<locals>")[0]
            if extra >= SPECTRUM_SUSPECTS or spectrum.score(r) <= 0:
                break
            if (r.path, qualname) in seen or qualname == "<module>" or self.graph.is_test_file(r.path):
                continue
            if not os.path.isfile(r.path):
                continue
            symbol = find_symbol(r.path, self.ws.read(r.path), qualname)
            seen.add((r.path, qualname))
            score = spectrum.score(r) + _named_after(qualname, test_name, spectrum.score(r))
            scored.append((score, len(named) + extra, r.path, symbol.start[0] if symbol else r.line))
            extra += 1
        scored.sort(key=lambda item: (-item[0], item[1]))
        return [(path, line) for _, _, path, line in scored]

    def _sort_frame(self, file: str, line: int, code: list[tuple[str, int]], tests: list[tuple[str, int]]) -> None:
        try:
            real = self.ws.resolve(file)
        except WorkspaceError:
            return
        if os.path.exists(real):
            (tests if self.graph.is_test_file(real) else code).append((real, line))

    def _test_line_symbols(self, path: str, line: int) -> list[Symbol]:
        """Suspects for a wrong result, likeliest first: the workspace functions the failing test line
        calls (`ledger.consume("tea", 15)`), then what the test called on its earlier lines
        (`cache.get("a")` before `assert cache.keys() == [...]`), then what the first ones call."""
        lines = self.ws.read(path).split("\n")
        if not 0 <= line < len(lines):
            return []
        start = line
        while start > 0 and not re.match(r"\s*(?:async\s+)?(?:def|test|it)\b", lines[start]):
            start -= 1
        found: list[Symbol] = []

        def add(symbol: Symbol) -> None:
            if not self.graph.is_test_file(symbol.path) and all(f.id != symbol.id for f in found):
                found.append(symbol)

        def called_on(number: int) -> list[Symbol]:
            names = re.findall(r"([A-Za-z_$][\w$]*)\s*\(", lines[number])
            return [sym for name in names for sym in self.graph.find(name) if sym.name == name]

        direct = called_on(line)
        for sym in direct:
            add(sym)
        for number in range(line - 1, start - 1, -1):
            for sym in called_on(number):
                add(sym)
        for sym in list(found[:2]):
            for site in self.graph.callees(sym.id) if sym.id else []:
                if site.symbol is not None:
                    add(site.symbol)
        # A class is a big unit and rarely the fault itself: its methods go first.
        found.sort(key=lambda sym: sym.kind == "class")
        return found[:4]

    @staticmethod
    def _failing_line(output: str) -> str:
        """The source line pytest marks with `>` in the failing test."""
        marked = re.findall(r"^>\s+(.*)$", output, re.M)
        return marked[-1] if marked else ""


def _failing_test_name(output: str) -> str:
    """The name of the last failing test in pytest's output (`test_get_refreshes_recency`)."""
    headers = re.findall(r"^_{3,} (?:\S+\.)?(test\w*)(?:\[.*\])? _{3,}$", output, re.M)
    return headers[-1] if headers else ""


def _named_after(qualname: str, test_name: str, score: float) -> float:
    """1.0 when a test that ran the function is named after it: its name's words appear in order
    in the test's name (`get` in test_get_refreshes_recency, `is_business_day` in
    test_is_business_day_skips_holidays), else 0."""
    name = qualname.rsplit(".", 1)[-1].strip("_").lower()
    if score <= 0 or not name or not test_name:
        return 0.0
    words = test_name.lower().split("_")
    wanted = name.split("_")
    hits = any(words[i : i + len(wanted)] == wanted for i in range(len(words) - len(wanted) + 1))
    return 1.0 if hits else 0.0
