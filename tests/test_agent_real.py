"""The agent with a real model: the embedded 0.5B fixes the broken example (the README's command 1).

Needs the `local` extra, which the README's test command installs; without it this test fails with
the exact pip command, it does not skip.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "broken"


def test_embedded_model_fixes_the_broken_example(tmp_path: Path) -> None:
    work = tmp_path / "broken"
    shutil.copytree(EXAMPLE, work, ignore=shutil.ignore_patterns(".smallcode", "__pycache__"))
    target = work / "inventory.py"
    argv = [sys.executable, "-m", "smallcode_ls.cli", "fix", str(target), "--path", str(work)]
    argv += ["--endpoint", "embedded:qwen2.5-coder-0.5b", "--json"]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout)
    assert result["status"] == "verified" and result["written"] == ["inventory.py"]
    assert result["tokens_in"] > 0 and result["tokens_out"] > 0
    fixed = target.read_text()
    assert "import json" in fixed and "itme" not in fixed
    lint = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--isolated", "--select", "E9,F63,F7,F82", str(target)],
        capture_output=True,
        text=True,
    )
    assert lint.returncode == 0, lint.stdout
    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_inventory.py"],
        cwd=work,
        capture_output=True,
        text=True,
        env={"PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", "PATH": "/usr/bin:/bin"},
    )
    assert tests.returncode == 0, tests.stdout
    trace = Path(result["trace"])
    assert trace.is_file() and any(json.loads(line)["event"] == "reply" for line in trace.read_text().splitlines())
