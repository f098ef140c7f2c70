"""The headless CLI: `smallcode index` and `smallcode graph` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "smallcode_ls.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    (root / "app").mkdir(parents=True)
    (root / "app" / "__init__.py").write_text("")
    (root / "app" / "core.py").write_text(
        "def helper(x):\n    return x\n\n\ndef run():\n    return helper(1) + helper(2)\n"
    )
    (root / "app" / "util.js").write_text("export function f() { return g(); }\nfunction g() { return 1; }\n")
    (root / "notes.bin.py").write_bytes(b"\x00\x01binary")
    return root


def test_index_json_reports_size_and_speed(project: Path, tmp_path: Path) -> None:
    cache = str(tmp_path / "cache")
    first = run("index", str(project), "--json", "--cache-dir", cache, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    data = json.loads(first.stdout)
    for key in ("files", "symbols", "edges", "lines", "seconds", "peak_rss_mb"):
        assert key in data
    assert data["files"] == 3 and data["symbols"] == 4 and data["lines"] == 8
    assert data["skipped"] == {"binary": 1}
    assert data["parsed"] == 3 and data["from_cache"] == 0
    again = json.loads(run("index", str(project), "--json", "--cache-dir", cache, cwd=tmp_path).stdout)
    assert (again["parsed"], again["from_cache"]) == (0, 3)
    assert again["edges"] == data["edges"]


def test_graph_shows_definition_callers_and_callees(project: Path, tmp_path: Path) -> None:
    result = run("graph", "helper", "--path", str(project), "--json", "--no-cache", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (item,) = json.loads(result.stdout)
    assert (item["qualname"], item["path"], item["line"]) == ("helper", "app/core.py", 1)
    (caller,) = item["callers"]
    assert caller["symbol"] == "run" and caller["call_lines"] == [6] and caller["resolved"]
    text = run("graph", "run", "--path", str(project), "--no-cache", cwd=tmp_path).stdout
    assert "callees:" in text and "helper  app/core.py:1  called at app/core.py:6" in text


def test_unknown_symbol_and_bad_config_exit_2_with_a_message(project: Path, tmp_path: Path) -> None:
    missing = run("graph", "nope", "--path", str(project), "--no-cache", cwd=tmp_path)
    assert missing.returncode == 2 and "no symbol named 'nope'" in missing.stderr
    (project / ".smallcode.toml").write_text("[index]\nmax_file_bytes = 'big'\n")
    bad = run("index", str(project), "--no-cache", cwd=tmp_path)
    assert bad.returncode == 2
    assert "index.max_file_bytes" in bad.stderr and ".smallcode.toml" in bad.stderr


def test_context_stays_within_budget(project: Path, tmp_path: Path) -> None:
    args = ("--symbol", "run", "--budget", "60", "--path", str(project), "--json", "--no-cache")
    result = run("context", *args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert 0 < data["tokens"] <= 60
    assert data["units"][0]["id"].endswith("core.py::run")
