"""An example call of a freshly implemented stub, run in the sandbox when no test covers it.

Lint-clean is all the harness knows about a stub with no linked test. A short script that calls
it the way its docstring describes catches what lint cannot: an AttributeError on a field that
does not exist, a TypeError from a helper called wrongly. Only a crash inside the new function
counts against it (the model's script may itself be wrong), and never an error the docstring
says is raised. The script is model-written, so it is screened before it runs: workspace and a
few harmless standard modules only, no file, process or introspection builtins.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass

from .replies import code_blocks

MAX_SCRIPT_LINES = 30  # lines of code; blank lines and comments do not count
SAFE_STDLIB = frozenset(
    {
        "collections", "dataclasses", "datetime", "decimal", "enum", "fractions", "functools",
        "itertools", "json", "math", "operator", "re", "statistics", "string", "textwrap", "typing",
    }
)  # fmt: skip
FORBIDDEN_NAMES = frozenset(
    {
        "open", "exec", "eval", "compile", "__import__", "input", "breakpoint", "globals", "locals",
        "vars", "getattr", "setattr", "delattr", "memoryview", "exit", "quit", "help",
        "os", "sys", "subprocess", "shutil", "socket", "pathlib", "Path", "importlib", "builtins",
    }
)  # fmt: skip
# `Frame "path", line N, in name` of a Python traceback, and its closing `ErrorType: message`.
_FRAME = re.compile(r'^\s*File "([^"]+)", line (\d+), in (\S+)', re.M)
_ERROR_LINE = re.compile(r"^([A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt|Iteration)\w*)(?::\s?(.*))?$", re.M)


@dataclass(frozen=True)
class Crash:
    error: str  # the exception's class name
    message: str
    line: int  # 1-based, in the changed file
    code: str  # that line's text

    def describe(self) -> str:
        said = f"{self.error}: {self.message}" if self.message else self.error
        return f"line {self.line} `{self.code.strip()}` raised {said}"


def example_script(reply: str, name: str, workspace_modules: set[str]) -> str | None:
    """The script in a model's reply, if it calls `name` and passes the screen; else None."""
    for block in code_blocks(reply):
        script = block.strip("\n")
        code = [line for line in script.split("\n") if line.strip() and not line.lstrip().startswith("#")]
        if len(code) > MAX_SCRIPT_LINES or not re.search(rf"\b{re.escape(name)}\b", script):
            continue
        if screened(script, workspace_modules):
            return script + "\n"
    return None


def screened(script: str, workspace_modules: set[str]) -> bool:
    """Whether the script imports only workspace and harmless standard modules and uses none of
    the builtins or modules that reach files, processes or the interpreter."""
    try:
        tree = ast.parse(script)
    except SyntaxError:
        return False
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                return False  # a script has no package to be relative to
            modules = [node.module or ""]
        else:
            modules = []
        for module in modules:
            top = module.split(".")[0]
            if top not in SAFE_STDLIB and module not in workspace_modules and top not in workspace_modules:
                return False
        if isinstance(node, ast.Name) and node.id in FORBIDDEN_NAMES:
            return False
        if isinstance(node, ast.Attribute) and (node.attr.startswith("__") or node.attr in FORBIDDEN_NAMES):
            return False
    return True


def crash_in(output: str, path: str, function: str, text: str) -> Crash | None:
    """The error of a traceback in `output` that passed through `function` in `path` (a workspace
    path, as the sandbox's output is rewritten to), at the deepest such frame; None when the
    script ran or failed elsewhere (its own mistake, not the function's)."""
    frames = [(m.group(1), int(m.group(2)), m.group(3)) for m in _FRAME.finditer(output)]
    ours = [line for file, line, name in frames if file == path and name == function]
    errors = _ERROR_LINE.findall(output)
    if not ours or not errors:
        return None
    error, message = errors[-1]
    lines = text.split("\n")
    line = ours[-1]
    code = lines[line - 1] if 0 < line <= len(lines) else ""
    return Crash(error.rsplit(".", 1)[-1], message.strip()[:200], line, code)
