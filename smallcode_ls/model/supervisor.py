"""Supervisor of the shared llama.cpp server, run as `python -m smallcode_ls.model.supervisor`.

One supervisor per user and model owns one llama.cpp server. Clients (editor
sessions, CLI runs) register their pid in `users/`; the supervisor stops the
server once no registered process has been alive for `keep_alive` seconds, so a
crashed client cannot keep 1-2 GB of RAM busy forever.

This module also holds the state-directory layout that `embedded.py` (the client
side) shares with it. It must import nothing but the stdlib: embedded.py runs it
by file path (`python -P .../supervisor.py`) so the process that lives as long
as the server stays small; `python -m smallcode_ls.model.supervisor` works too.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import fcntl
import json
import os
import shlex
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

POLL_SECONDS = 0.5
KILL_AFTER_SECONDS = 5.0
HOST = "127.0.0.1"
# llama_cpp.server behind a wrapper that keeps llama.cpp off AMX where the CPU advertises it (see
# llama_server.py); run by path with -P, like this file, so it loads no more than it needs.
DEFAULT_SERVER_COMMAND: tuple[str, ...] = (sys.executable, "-P", str(Path(__file__).with_name("llama_server.py")))
# Linux: zombies and reused pids can be told apart; elsewhere kill(pid, 0) is all there is.
_HAVE_PROC = Path("/proc/self/stat").exists()


@dataclass(frozen=True)
class StateDir:
    """Files of one embedded server: lock, server.json, users/<pid>, server.log."""

    root: Path

    @property
    def lock(self) -> Path:
        return self.root / "lock"

    @property
    def server_json(self) -> Path:
        return self.root / "server.json"

    @property
    def users(self) -> Path:
        return self.root / "users"

    @property
    def log(self) -> Path:
        return self.root / "server.log"

    def create(self) -> None:
        self.users.mkdir(parents=True, exist_ok=True)


@contextlib.contextmanager
def locked(path: Path, *, blocking: bool = True) -> Iterator[bool]:
    """flock `path`; yields False (without the lock) when non-blocking and someone else holds it.

    flock belongs to the open file description, so threads of one process that each
    open the file exclude each other just like separate processes do.
    """
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if blocking else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def process_start_time(pid: int) -> str:
    """Kernel start time of `pid` ("" where /proc is unavailable); tells a reused pid apart."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return ""
    # The command name (field 2) may contain spaces and parentheses; fields after the last ")" are fixed.
    fields = stat[stat.rfind(")") + 2 :].split()
    return fields[19] if len(fields) > 19 else ""


def pid_alive(pid: int, start_time: str = "") -> bool:
    """True when `pid` runs (not a zombie) and, if `start_time` is given, is the same process as recorded."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    if not _HAVE_PROC:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False  # exited between the two checks
    except OSError:
        return True
    # A zombie still answers kill(0) until its parent reaps it, but it serves nobody.
    if stat[stat.rfind(")") + 2 :].startswith("Z"):
        return False
    return not start_time or process_start_time(pid) in ("", start_time)


def register_user(state: StateDir, pid: int) -> None:
    """Write users/<pid>; its content (the process start time) guards against pid reuse."""
    state.create()
    write_atomic(state.users / str(pid), process_start_time(pid))


def unregister_user(state: StateDir, pid: int) -> None:
    with contextlib.suppress(FileNotFoundError):
        (state.users / str(pid)).unlink()


def live_users(state: StateDir) -> list[int]:
    """Pids registered in users/ that still run; files of dead ones are removed."""
    alive: list[int] = []
    try:
        entries = list(state.users.iterdir())
    except FileNotFoundError:
        return alive
    for entry in entries:
        try:
            pid = int(entry.name)
            start = entry.read_text().strip()
        except (ValueError, OSError):
            continue
        if pid_alive(pid, start):
            alive.append(pid)
        else:
            with contextlib.suppress(FileNotFoundError):
                entry.unlink()
    return alive


def write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


def read_server_json(state: StateDir) -> dict[str, Any] | None:
    try:
        data = json.loads(state.server_json.read_text())
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def remove_server_json_if_ours(state: StateDir, supervisor_pid: int) -> None:
    """Remove server.json only if it still describes this supervisor, never a successor's."""
    info = read_server_json(state)
    if info is not None and info.get("supervisor_pid") == supervisor_pid:
        with contextlib.suppress(FileNotFoundError):
            state.server_json.unlink()


def _die_with_parent() -> None:
    # Runs in the forked child before exec: if the supervisor is SIGKILLed, the kernel
    # sends the server SIGTERM instead of leaving an orphan holding the model in RAM.
    if sys.platform.startswith("linux"):
        with contextlib.suppress(Exception):
            pr_set_pdeathsig = 1
            ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def server_argv(command: Sequence[str], *, model: str, alias: str, n_ctx: int, threads: int, port: int) -> list[str]:
    """The llama.cpp server command line (llama_cpp.server takes its settings as --snake_case options)."""
    return [
        *command,
        "--model", model,
        "--model_alias", alias,
        "--n_ctx", str(n_ctx),
        "--n_threads", str(threads),
        "--host", HOST,
        "--port", str(port),
        # Sessions share this server: by default a new request (even GET /v1/models) cuts another
        # session's stream short with a normal-looking [DONE]; queue them instead.
        "--interrupt_requests", "False",
    ]  # fmt: skip


def _log(message: str) -> None:
    print(f"[supervisor {os.getpid()} {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is not None:
        return
    server.terminate()
    try:
        server.wait(KILL_AFTER_SECONDS)
    except subprocess.TimeoutExpired:
        _log(f"server {server.pid} ignored SIGTERM for {KILL_AFTER_SECONDS:.0f} s; killing it")
        server.kill()
        server.wait()


def _shutdown(state: StateDir, server: subprocess.Popen[bytes], reason: str) -> None:
    if server.returncode is None or state.server_json.exists():
        _log(f"stopping: {reason}")
    remove_server_json_if_ours(state, os.getpid())
    _stop(server)


def supervise(
    state: StateDir,
    *,
    model: str,
    alias: str,
    n_ctx: int,
    threads: int,
    port: int,
    keep_alive: float,
    command: Sequence[str] = DEFAULT_SERVER_COMMAND,
) -> int:
    """Start the server, watch the users, stop the server when idle; returns the exit code (1: server died)."""
    stopping: list[str] = []

    def on_signal(signum: int, _frame: object) -> None:
        stopping.append(signal.Signals(signum).name)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)

    state.create()
    me = os.getpid()
    argv = server_argv(command, model=model, alias=alias, n_ctx=n_ctx, threads=threads, port=port)
    _log(f"starting: {shlex.join(argv)}")
    server = subprocess.Popen(argv, stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent)
    # Start times let clients tell these pids from unrelated processes that reuse them later
    # (server.json outlives a crash or a reboot), before they signal anything.
    info = {
        "supervisor_pid": me,
        "supervisor_start": process_start_time(me),
        "server_pid": server.pid,
        "server_start": process_start_time(server.pid),
        "port": port,
        "model": alias,
        "model_path": model,
        "n_ctx": n_ctx,
        "started": time.time(),
    }
    write_atomic(state.server_json, json.dumps(info))

    idle_since: float | None = None
    reason = ""
    while not reason:
        if stopping:
            reason = f"received {stopping[0]}"
            break
        code = server.poll()
        if code is not None:
            reason = f"server exited with code {code}"
            break
        if live_users(state):
            idle_since = None
        else:
            now = time.monotonic()
            idle_since = now if idle_since is None else idle_since
            if now - idle_since >= keep_alive:
                # Under the lock no client is half-way through registering; if one holds it,
                # try again next tick rather than stopping a server it is about to reuse.
                with locked(state.lock, blocking=False) as got:
                    if got:
                        if live_users(state):
                            idle_since = None
                        else:
                            reason = f"no live user for {keep_alive:g} s"
                            # Stop while still holding the lock so a successor does not load
                            # a second copy of the model before this one has left RAM.
                            _shutdown(state, server, reason)
                            break
        time.sleep(POLL_SECONDS)

    _shutdown(state, server, reason)
    _log(f"stopped (server exit code {server.returncode})")
    # Non-zero tells a client still waiting for the first answer that the server itself failed.
    return 1 if reason.startswith("server exited") else 0


def _parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m smallcode_ls.model.supervisor", description=__doc__)
    parser.add_argument("--state-dir", required=True, type=Path)
    parser.add_argument("--model", required=True, help="path of the GGUF file")
    parser.add_argument("--alias", required=True, help="model name the server answers to")
    parser.add_argument("--n-ctx", type=int, required=True)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--keep-alive", type=float, default=10.0)
    # Tests substitute a tiny fake server here; it receives the same options as llama_cpp.server.
    parser.add_argument("--command", help="JSON list: the server argv before its options (tests only)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parse(argv)
    command: Sequence[str] = DEFAULT_SERVER_COMMAND
    if args.command:
        loaded = json.loads(args.command)
        if not (isinstance(loaded, list) and loaded and all(isinstance(x, str) for x in loaded)):
            raise SystemExit("--command must be a non-empty JSON list of strings")
        command = loaded
    return supervise(
        StateDir(args.state_dir),
        model=args.model,
        alias=args.alias,
        n_ctx=args.n_ctx,
        threads=args.threads,
        port=args.port,
        keep_alive=args.keep_alive,
        command=command,
    )


if __name__ == "__main__":
    sys.exit(main())
