"""Does a candidate edit hold? Syntax, fatal lint, then tests, on a sandbox copy.

Stages, cheapest first, each with a time limit:
1. tree-sitter syntax errors (any language);
2. Python: ruff's fatal rules (syntax, undefined names, invalid comparisons,
   statements out of place) on the new text, and names taken from a workspace
   module that does not define them; JavaScript: `node --check`;
3. the tests the graph links to the changed symbols (pytest, in the sandbox);
4. the user's own test command and checkers, if configured, in the sandbox.

mypy runs apart from these (`Verifier.type_problems`), on demand: the agent asks it about an
answer's own lines once that answer passes everything else (agent/type_check.py).

An edit passes when it adds no fatal problem the file did not already have,
and the tests pass. Nothing here writes to the user's tree.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
import warnings
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import tree_sitter as ts

from ..config import AgentSettings
from ..graph.extract import parse
from ..graph.languages import language_for
from ..workspace import Sandbox, Workspace
from .module_attributes import missing_module_names

# Fatal: the code cannot run as written. Style findings never block an edit.
RUFF_FATAL = "E9,F63,F7,F82"
OUTPUT_TAIL = 3000
SCRIPT_NAME = "_smallcode_example.py"  # written at the top of a sandbox, never in the user's tree


@dataclass(frozen=True)
class Problem:
    path: str
    line: int  # 0-based
    col: int
    message: str
    code: str = ""
    source: str = "syntax"  # syntax | ruff | node | modules | tests | command | checker
    end_col: int | None = None  # on the same line; None: one character

    @property
    def key(self) -> tuple[str, str, str]:
        """What identifies a problem across edits (lines move)."""
        return (self.path, self.code, self.message)

    def render(self, workspace: Workspace | None = None) -> str:
        where = workspace.relative(self.path) if workspace is not None else os.path.basename(self.path)
        code = f" {self.code}" if self.code else ""
        return f"{where}:{self.line + 1}:{self.col + 1}:{code} {self.message}"


@dataclass
class Report:
    ok: bool
    problems: list[Problem] = field(default_factory=list)  # what blocks the edit
    stages: list[tuple[str, float, bool]] = field(default_factory=list)
    test_output: str = ""

    def summary(self) -> str:
        return "; ".join(f"{name} {'ok' if ok else 'FAILED'} ({secs:.1f}s)" for name, secs, ok in self.stages)


def syntax_problems(path: str, text: str) -> list[Problem]:
    spec = language_for(path)
    if spec is None:
        return []
    tree = parse(spec, text.encode("utf-8"))
    if not tree.root_node.has_error:
        return []
    problems: list[Problem] = []
    _collect_errors(tree.root_node, path, problems)
    return problems[:5]


def _collect_errors(node: ts.Node, path: str, out: list[Problem]) -> None:
    if len(out) >= 5:
        return
    if node.is_missing:
        out.append(Problem(path, node.start_point[0], node.start_point[1], f"syntax error: missing {node.type}"))
        return
    if node.type == "ERROR":
        text = (node.text or b"").decode("utf-8", "replace").split("\n")[0][:40]
        out.append(Problem(path, node.start_point[0], node.start_point[1], f"syntax error near {text!r}"))
        return
    for child in node.children:
        if child.has_error or child.is_missing:
            _collect_errors(child, path, out)


class LinterMissing(RuntimeError):
    """ruff cannot run: every edit would pass unlinted, so the agent stops instead."""


def ruff_problems(path: str, text: str, timeout: float, select: str = RUFF_FATAL) -> list[Problem]:
    """ruff on the text (stdin), so unsaved buffers and candidates are checked without files."""
    argv = [
        sys.executable, "-m", "ruff", "check", "--no-cache", "--isolated", "--select", select,
        "--output-format", "json", "--stdin-filename", path, "-",
    ]  # fmt: skip
    try:
        done = subprocess.run(argv, input=text.encode("utf-8"), capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return [Problem(path, 0, 0, f"ruff took over {timeout:.0f} s", source="ruff")]
    if not done.stdout and b"No module named ruff" in done.stderr:
        raise LinterMissing(f"ruff is not installed for {sys.executable}; reinstall smallcode-ls, which depends on it")
    try:
        found = json.loads(done.stdout or b"[]")
    except json.JSONDecodeError:
        return [Problem(path, 0, 0, f"ruff failed: {done.stderr.decode(errors='replace')[:200]}", source="ruff")]
    problems = []
    for item in found:
        loc = item.get("location") or {}
        end = item.get("end_location") or {}
        row = max(0, int(loc.get("row", 1)) - 1)
        end_col = int(end["column"]) - 1 if end.get("row") == loc.get("row") and "column" in end else None
        problems.append(
            Problem(
                path,
                row,
                max(0, int(loc.get("column", 1)) - 1),
                str(item.get("message", "")),
                str(item.get("code") or "syntax"),
                "ruff",
                end_col,
            )
        )
    return problems


def ruff_fixed(path: str, text: str, codes: list[str], timeout: float) -> str | None:
    """The text with ruff's own safe fixes for `codes` applied (`x is 1` -> `x == 1`), or None."""
    argv = [
        sys.executable, "-m", "ruff", "check", "--no-cache", "--isolated", "--select", ",".join(codes),
        "--fix", "--exit-zero", "--quiet", "--stdin-filename", path, "-",
    ]  # fmt: skip
    try:
        done = subprocess.run(argv, input=text.encode("utf-8"), capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return None
    fixed = done.stdout.decode("utf-8", errors="replace")
    return fixed if done.returncode == 0 and fixed and fixed != text else None


def node_problems(path: str, text: str, timeout: float) -> list[Problem]:
    node = shutil.which("node")
    if node is None or not path.endswith((".js", ".mjs", ".cjs")):
        return []
    esm = path.endswith(".mjs") or (
        not path.endswith(".cjs") and re.search(r"^\s*(import|export)\b", text, re.M) is not None
    )
    argv = [node, *(["--input-type=module"] if esm else []), "--check", "-"]
    try:
        done = subprocess.run(
            argv,
            input=text.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
            env={**os.environ, "NODE_OPTIONS": ""},
        )
    except subprocess.TimeoutExpired:
        return []
    if done.returncode == 0:
        return []
    message = done.stderr.decode("utf-8", "replace").strip().split("\n")
    line = 0
    if message and message[0].startswith("[stdin]:"):
        head = message[0].split(":")
        line = int(head[1]) - 1 if len(head) > 1 and head[1].isdigit() else 0
    detail = next((m for m in message if "Error" in m), message[-1] if message else "node --check failed")
    return [Problem(path, line, 0, detail.strip(), "", "node")]


# Bodies of functions without annotations are checked too (their parameters typed `Any`): tests
# and much application code have none, and a call in one still passes a `str` where the edited
# function now takes a stream.
MYPY_CONFIG = "[mypy]\ncheck_untyped_defs = True\n"


def mypy_problems(root: Path, files: list[str], python: str, cache_dir: Path, timeout: float) -> list[Problem] | None:
    """mypy's errors for `files` (paths under `root`, reported as such), imports followed silently
    so other modules lend their types without their own errors; None when mypy could not run.
    The files are named relative to `root`: mypy replays a cached module's errors under the path it
    was first checked at, and each sandbox is a new directory."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    config = cache_dir / "mypy.ini"
    if not config.exists() or config.read_text(encoding="utf-8") != MYPY_CONFIG:
        # Our own settings, not the project's: its plugins may not be installed here.
        config.write_text(MYPY_CONFIG, encoding="utf-8")
    argv = [
        sys.executable, "-m", "mypy", "--config-file", str(config), "--cache-dir", str(cache_dir / "cache"),
        "--python-executable", python, "--ignore-missing-imports", "--follow-imports=silent",
        "--no-error-summary", "--show-error-codes", "--hide-error-context", "--no-color-output",
        "-O", "json", *(os.path.relpath(f, root) for f in files),
    ]  # fmt: skip
    paths = [str(root)] + ([str(root / "src")] if (root / "src").is_dir() else [])
    env = {**os.environ, "MYPYPATH": os.pathsep.join(paths), "PYTHONDONTWRITEBYTECODE": "1"}
    try:
        done = subprocess.run(argv, cwd=root, capture_output=True, timeout=timeout, check=False, env=env)
    except subprocess.TimeoutExpired:
        return None
    if done.returncode not in (0, 1):
        return None  # 2: mypy itself failed (a bad path, a crash); that is no verdict on the code
    problems = []
    for line in done.stdout.decode("utf-8", "replace").splitlines():
        with contextlib.suppress(json.JSONDecodeError, KeyError, TypeError, ValueError):
            item = json.loads(line)
            if item.get("severity") != "error":
                continue
            problems.append(
                Problem(
                    os.path.join(root, str(item["file"])),
                    max(0, int(item["line"]) - 1),
                    max(0, int(item.get("column") or 0)),
                    str(item["message"]),
                    str(item.get("code") or ""),
                    "types",
                )
            )
    return problems


_SYNTAX_CODES = ("syntax", "invalid-syntax", "E999")
# `break` or `continue` outside a loop, `yield` or `return` outside a function: a line at the
# wrong depth, as much a syntax slip as a missing colon.
OUT_OF_PLACE = frozenset({"F701", "F702", "F704", "F706"})


def python_syntax_problem(path: str, text: str) -> Problem | None:
    """Python's own parser: the exact line and message of the first syntax error (compiling runs nothing)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # `x is 1` is ruff's to report, not stderr's
            compile(text, path, "exec", dont_inherit=True)
    except SyntaxError as exc:
        line = max(0, (exc.lineno or 1) - 1)
        return Problem(path, line, max(0, (exc.offset or 1) - 1), f"SyntaxError: {exc.msg}", "syntax", "syntax")
    except (ValueError, RecursionError, MemoryError) as exc:
        return Problem(path, 0, 0, f"cannot parse: {exc}", "syntax", "syntax")
    return None


def fatal_problems(path: str, text: str, timeout: float = 30.0) -> list[Problem]:
    """Stages 1 and 2 for one file's text: what would stop the code from running."""
    if path.endswith((".py", ".pyi")):
        # Python's own parser names the line: tree-sitter's error recovery may put the error far
        # from the mistake (an unclosed bracket spans the module) or miss it (a bad dedent). It is
        # believed when ruff or tree-sitter sees a syntax error too, since the code may be written
        # for a newer Python than the one running us.
        exact = python_syntax_problem(path, text)
        linted = ruff_problems(path, text, timeout)
        agreed = exact is not None and (
            any(p.code in _SYNTAX_CODES for p in linted) or bool(syntax_problems(path, text))
        )
        found = [exact] if exact is not None and agreed else []
        # ruff reports syntax errors too, with follow-on errors after the first: keep ours instead.
        return found + [p for p in linted if not (found and p.code in _SYNTAX_CODES)]
    found = syntax_problems(path, text)
    if path.endswith((".js", ".mjs", ".cjs")) and not found:
        return node_problems(path, text, timeout)
    return found


class Verifier:
    def __init__(self, workspace: Workspace, settings: AgentSettings, test_cmd: str | None = None) -> None:
        self.workspace = workspace
        self.settings = settings
        self.test_cmd = test_cmd or settings.test_cmd

    def check(
        self,
        changes: Mapping[str, str],
        before: Mapping[str, str],
        tests: list[str],
        buffers: Mapping[str, str] | None = None,
        timeout: float | None = None,
    ) -> Report:
        """Verify `changes` (path -> new text) against `before` (path -> old text). `timeout` per
        test run, instead of the configured one (a mutant may loop forever)."""
        report = Report(ok=True)
        started = time.monotonic()
        for path, text in changes.items():
            found = fatal_problems(path, text, self.settings.lint_timeout)
            found += self._missing_module_names(path, text, changes, buffers)
            old = Counter(p.key for p in fatal_problems(path, before.get(path, ""), self.settings.lint_timeout))
            old.update(p.key for p in self._missing_module_names(path, before.get(path, ""), changes, buffers))
            added = Counter(p.key for p in found) - old
            report.problems += [p for p in found if p.key in added]
        report.stages.append(("lint", time.monotonic() - started, not report.problems))
        if report.problems:
            report.ok = False
            return report
        commands = self._commands(tests)
        if not commands:
            return report
        roots = {self.workspace.root_of(p) or self.workspace.roots[0] for p in changes} or {self.workspace.roots[0]}
        for root in sorted(roots):
            with self._sandbox(root, changes, buffers) as box:
                for name, argv, shell in commands:
                    ok = self._run(box, name, argv, shell, report, changes, timeout=timeout)
                    if not ok:
                        report.ok = False
                        return report
        return report

    def _missing_module_names(
        self, path: str, text: str, changes: Mapping[str, str], buffers: Mapping[str, str] | None
    ) -> list[Problem]:
        """`module.name` or `from module import name` where the workspace module defines no `name`,
        judged against the module as this edit leaves it."""
        root = self.workspace.root_of(path)
        if root is None or not path.endswith(".py"):
            return []

        def read(module: str) -> str | None:
            if module in changes:
                return changes[module]
            if buffers and module in buffers:
                return buffers[module]
            try:
                with open(module, encoding="utf-8") as fh:
                    return fh.read()
            except (OSError, UnicodeDecodeError):
                return None

        return [
            Problem(path, f.line, f.col, f.message, "undefined-attribute", "modules")
            for f in missing_module_names(path, text, read, root)
        ]

    def traced_test_command(
        self, changes: Mapping[str, str], buffers: Mapping[str, str], trace_dir: str, test_files: list[str]
    ) -> None:
        """Run the user's test command once more with the `smallcode_trace` pytest plugin loaded, which
        writes which functions each test ran into `trace_dir`; only the tests in `test_files`
        (workspace paths) when given. A command that is not pytest simply writes nothing there."""
        if not self.test_cmd:
            return
        root = self.workspace.roots[0]
        plugin_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pytest_plugin")
        addopts = " ".join(filter(None, [os.environ.get("PYTEST_ADDOPTS", ""), "-p smallcode_trace"]))
        with self._sandbox(root, changes, buffers) as box:
            extra = {
                "PYTEST_ADDOPTS": addopts,
                "SMALLCODE_TRACE_DIR": trace_dir,
                "SMALLCODE_TRACE_ROOT": str(box.path),
                "SMALLCODE_TRACE_FILES": os.pathsep.join(os.path.relpath(f, root) for f in test_files),
                "PYTHONPATH": plugin_dir,
            }
            self._run(box, "traced tests", self.test_cmd, True, Report(ok=True), changes, extra)

    def type_problems(
        self, path: str, text: str, buffers: Mapping[str, str] | None, cache_dir: Path
    ) -> list[Problem] | None:
        """mypy's errors in the Python file `path` with `text` (workspace paths), in a sandbox; None
        when mypy could not judge it."""
        root = self.workspace.root_of(path) or self.workspace.roots[0]
        with self._sandbox(root, {path: text}, buffers) as box:
            inside = os.path.realpath(box.map(path))
            found = mypy_problems(box.path, [inside], self.python(), cache_dir, self.settings.lint_timeout)
        if found is None:
            return None
        return [replace(p, path=path) for p in found if os.path.realpath(p.path) == inside]

    @contextlib.contextmanager
    def _sandbox(self, root: str, changes: Mapping[str, str], buffers: Mapping[str, str] | None) -> Iterator[Sandbox]:
        """A copy of `root` with the open buffers, then the changes in it, written in."""
        with self.workspace.sandbox(root, buffers) as box:
            for path, text in changes.items():
                if self.workspace.root_of(path) == root:
                    box.write(path, text)
            yield box

    def _commands(self, tests: list[str]) -> list[tuple[str, list[str] | str, bool]]:
        out: list[tuple[str, list[str] | str, bool]] = []
        if tests and self.settings.run_tests:
            argv = [self.python(), "-m", "pytest", "-q", "-x", "--no-header", "-p", "no:cacheprovider", *tests]
            out.append(("tests", argv, False))
        if self.test_cmd:
            out.append(("test command", self.test_cmd, True))
        for checker in self.settings.checkers:
            out.append(("checker", checker, True))
        return out

    def python(self) -> str:
        if self.settings.python:
            return self.settings.python
        for root in self.workspace.roots:
            for candidate in (".venv/bin/python", "venv/bin/python"):
                path = os.path.join(root, candidate)
                if os.access(path, os.X_OK):
                    return path
        return sys.executable

    def run_script(
        self, changes: Mapping[str, str], buffers: Mapping[str, str], script: str, limit: float
    ) -> tuple[int, str]:
        """Run a screened Python script at the top of a sandbox with `changes` written in; its exit
        code and output, sandbox paths shown as workspace paths."""
        first = next(iter(changes), self.workspace.roots[0])
        root = self.workspace.root_of(first) or self.workspace.roots[0]
        with self._sandbox(root, changes, buffers) as box:
            name = os.path.join(root, SCRIPT_NAME)
            box.write(name, script)
            return self._execute(box, [self.python(), box.map(name)], False, limit)

    def _execute(
        self,
        box: Sandbox,
        argv: list[str] | str,
        shell: bool,
        limit: float,
        extra_env: Mapping[str, str] | None = None,
    ) -> tuple[int, str]:
        # The sandbox's code first, also over an editable install that points at the user's tree.
        paths = [str(box.path)] + ([str(box.path / "src")] if (box.path / "src").is_dir() else [])
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": os.pathsep.join(paths)}
        for key, value in (extra_env or {}).items():
            env[key] = os.pathsep.join([env[key], value]) if key == "PYTHONPATH" else value
        process = subprocess.Popen(
            argv,
            cwd=box.path,
            shell=shell,  # only the user's own configured commands run through a shell
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=True,
        )
        try:
            stdout, stderr = process.communicate(timeout=limit)
            output = (stdout + stderr).decode("utf-8", "replace")
            code = process.returncode
        except subprocess.TimeoutExpired:
            # The whole process group: a shell's children (node, pytest workers) would live on,
            # spinning, after the shell itself is killed.
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            stdout, stderr = process.communicate()
            output = (stdout + stderr).decode("utf-8", "replace") + f"\n(stopped after {limit:.0f} s)"
            code = -1
        return code, output.replace(str(box.path), box.root)

    def _run(
        self,
        box: Sandbox,
        name: str,
        argv: list[str] | str,
        shell: bool,
        report: Report,
        changes: Mapping[str, str],
        extra_env: Mapping[str, str] | None = None,
        timeout: float | None = None,
    ) -> bool:
        started = time.monotonic()
        limit = timeout or self.settings.test_timeout
        if shell and isinstance(argv, str):
            files = " ".join(shlex.quote(box.map(p)) for p in changes)
            argv = argv.replace("{file}", files).replace("{files}", files)
        code, output = self._execute(box, argv, shell, limit, extra_env)
        ok = code == 0 or (name == "tests" and code == 5)  # 5: the linked tests were deselected or gone
        report.stages.append((name, time.monotonic() - started, ok))
        if not ok:
            report.test_output = output[-OUTPUT_TAIL:]
            first = next(iter(changes), self.workspace.roots[0])
            report.problems.append(Problem(first, 0, 0, f"{name} failed:\n{report.test_output}", "", name))
        return ok
