"""The VS Code extension (editors/vscode): npm ci, tsc (strict) and its tests.

`npm test` runs the extension's unit tests (settings mapping, server command
line, command arguments, package.json contributions), a protocol test that
starts this checkout's `smallcode-ls` over stdio (initialize with the
extension's settings, document symbols, the "Fix: ..." code action,
smallcode.status, smallcode/ask with streamed partial answers), and the
compiled extension activated against a stand-in for the `vscode` module, the
real server and a scripted model. VS Code itself is not needed. `npm ci` needs
the npm registry or a warm npm cache (most of its time is @vscode/vsce, which
`npm run package` uses to build the .vsix offline); the rest is offline and
takes about 20 s.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXTENSION = REPO / "editors" / "vscode"
NPM_HINT = "install Node.js 20+ with npm (CI has it): the VS Code extension is built and tested with npm"


def _server() -> str | None:
    """This checkout's smallcode-ls: next to the running interpreter (the venv), else on PATH."""
    beside = Path(sys.executable).with_name("smallcode-ls")
    if beside.exists():
        return str(beside)
    return shutil.which("smallcode-ls")


def _run(npm: str, args: list[str], timeout: float, env: dict[str, str]) -> None:
    command = [npm, *args]
    try:
        done = subprocess.run(
            command,
            cwd=EXTENSION,
            env=env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        out = (exc.stdout or b"").decode(errors="replace") if isinstance(exc.stdout, bytes) else exc.stdout or ""
        pytest.fail(f"`npm {' '.join(args)}` took more than {timeout:.0f} s in {EXTENSION}\n{out[-4000:]}")
    output = (done.stdout + done.stderr)[-8000:]
    assert done.returncode == 0, f"`npm {' '.join(args)}` failed ({done.returncode}) in {EXTENSION}:\n{output}"


def test_vscode_extension_builds_and_passes_its_tests() -> None:
    npm = shutil.which("npm")
    if npm is None:
        pytest.fail(f"npm not found on PATH: {NPM_HINT}")
    env = dict(os.environ)
    # The protocol test starts this checkout's server, not whatever is on PATH.
    if "SMALLCODE_LS" not in env and (server := _server()) is not None:
        env["SMALLCODE_LS"] = server
    env.setdefault("npm_config_audit", "false")
    env.setdefault("npm_config_fund", "false")
    env.setdefault("npm_config_update_notifier", "false")
    _run(npm, ["ci", "--no-audit", "--no-fund"], 600, env)
    _run(npm, ["run", "compile"], 300, env)
    _run(npm, ["test"], 300, env)
