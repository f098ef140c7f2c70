"""The OpenCode peer's own llama-server for the embedded model (bench/peer_opencode.tool_calling),
run with a fake server binary: what it is started with, that it is stopped, and a clear error when
it dies. Needs no OpenCode install."""

from __future__ import annotations

import json
import sys
import textwrap
import time
from pathlib import Path

import httpx
import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
sys.path.insert(0, str(BENCH))

import peer_opencode  # noqa: E402
from agents import Endpoint  # noqa: E402

from smallcode_ls.model.llama_server import SETTING  # noqa: E402

FAKE_SERVER = textwrap.dedent(
    """\
    #!{python}
    import http.server, json, os, sys
    argv = sys.argv[1:]
    with open(os.environ["FAKE_ARGV"], "w") as f:
        json.dump(argv, f)
    if os.environ.get("FAKE_DIE"):
        print("error: unknown argument", flush=True)
        sys.exit(3)
    port = int(argv[argv.index("--port") + 1])

    class Health(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200 if self.path == "/health" else 404)
            self.end_headers()

        def log_message(self, *args):
            pass

    http.server.HTTPServer(("127.0.0.1", port), Health).serve_forever()
    """
)


@pytest.fixture
def fake_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    binary = tmp_path / "llama-server"
    binary.write_text(FAKE_SERVER.format(python=sys.executable))
    binary.chmod(0o755)
    monkeypatch.setattr(peer_opencode, "LLAMA_SERVER", binary)
    recorded = tmp_path / "argv.json"
    monkeypatch.setenv("FAKE_ARGV", str(recorded))
    return recorded


def test_an_endpoint_that_is_not_the_embedded_model_is_used_as_it_is(fake_server: Path) -> None:
    endpoint = Endpoint("http://gpu-box:8000/v1", "qwen2.5-coder-7b")
    with peer_opencode.tool_calling(endpoint) as served:
        assert served is endpoint
    assert not fake_server.exists()


@pytest.mark.parametrize(("setting", "no_repack"), [("0", True), ("1", False)])
def test_the_embedded_weights_are_served_by_llama_server_and_stopped_after(
    fake_server: Path, monkeypatch: pytest.MonkeyPatch, setting: str, no_repack: bool
) -> None:
    monkeypatch.setenv(SETTING, setting)
    endpoint = Endpoint("http://127.0.0.1:1/v1", "qwen2.5-coder-0.5b", 8192, "/models/q.gguf")
    with peer_opencode.tool_calling(endpoint) as served:
        assert served.url.startswith("http://127.0.0.1:") and served.url.endswith("/v1")
        assert (served.model, served.context_window, served.gguf) == ("qwen2.5-coder-0.5b", 8192, "")
        health = served.url.removesuffix("/v1") + "/health"
        assert httpx.get(health, timeout=5).status_code == 200
    argv = json.loads(fake_server.read_text())
    assert argv[argv.index("--model") + 1] == "/models/q.gguf"
    assert argv[argv.index("--alias") + 1] == "qwen2.5-coder-0.5b"
    assert argv[argv.index("--ctx-size") + 1] == "8192"
    assert argv[argv.index("--parallel") + 1] == "1"
    assert "--jinja" in argv
    assert ("--no-repack" in argv) is no_repack
    for _ in range(40):  # stopped: nothing answers there any more
        try:
            httpx.get(health, timeout=0.5)
        except httpx.HTTPError:
            break
        time.sleep(0.1)
    else:
        pytest.fail("the server still answers after the task")


def test_a_server_that_dies_is_a_clear_error_in_the_row(
    fake_server: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("FAKE_DIE", "1")
    endpoint = Endpoint("http://127.0.0.1:1/v1", "qwen2.5-coder-0.5b", 8192, "/models/q.gguf")
    task = {"id": "fd-001", "kind": "fix", "instruction": "fix it"}
    monkeypatch.setattr(peer_opencode, "installed", lambda: "")
    run = peer_opencode.opencode(task, tmp_path, endpoint, 60)
    assert run.error.startswith("llama-server exited with code 3")
    assert "unknown argument" in run.error


def test_a_missing_llama_server_is_named_with_the_setup_command(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(peer_opencode, "LLAMA_SERVER", tmp_path / "absent")
    monkeypatch.setattr(peer_opencode, "installed", lambda: "")
    endpoint = Endpoint("http://127.0.0.1:1/v1", "qwen2.5-coder-0.5b", 8192, "/models/q.gguf")
    run = peer_opencode.opencode({"id": "x", "kind": "fix"}, tmp_path, endpoint, 60)
    assert "bash bench/setup_peers.sh" in run.error
