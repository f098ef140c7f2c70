"""OpenCode as a benchmark peer: `opencode run` on the task's copy, offline, against the same endpoint.

OpenCode (npm `opencode-ai`, pinned in bench/setup_peers.sh, installed in
bench/.opencode) talks to the endpoint through its bundled
`@ai-sdk/openai-compatible` provider, declared in a config file written to a
temporary directory (OPENCODE_CONFIG). Like the aider peer it gets the same
instruction, the target file attached (`--file`), the copy made a git
repository, and two tries with the visible errors on the second, each a fresh
session. `ask` tasks run OpenCode's read-only `plan` agent; the rest its
default `build` agent, with temperature 0 as the other agents use.

What is changed from a stock install, and why:
- Offline at run time. Without these OpenCode reaches the internet on every
  run: OPENCODE_DISABLE_MODELS_FETCH (the models catalog), `autoupdate: false`
  (the version check), and XDG_CONFIG_HOME pointing at bench/.opencode/config,
  whose opencode/ holds @opencode-ai/plugin installed at setup (otherwise each
  run installs it from the npm registry in the background). Its grep and glob
  tools need ripgrep: on PATH from bench/.opencode/ripgrep, otherwise OpenCode
  downloads it from GitHub, and offline both tools fail.
- `--title` names the session, which skips the extra model call OpenCode makes
  to title every new session.
- webfetch (no network here), task (subagents), skill and todowrite are denied,
  which also takes them out of the tool list: the stock prompt and tools are
  about 31k characters, too many for a small model's 8k context; this leaves
  bash, edit, glob, grep, read and write (about 22k characters).
- Paths outside the copy are denied, not asked about: `opencode run` rejects
  a question it cannot ask and ends the session, a denial lets the model go on.
- Standard input is /dev/null: `opencode run` reads a piped standard input
  to its end before starting.
- For the embedded model, OpenCode talks to llama.cpp's own server
  (bench/.opencode/llama-server, built by setup_peers.sh from the llama.cpp
  sources of the llama-cpp-python release we install), started on the same
  GGUF for each task, one sequence of the same context, the same threads. The
  embedded server, llama-cpp-python's, returns the model's tool calls as
  text when a request lets the model choose (`tool_choice: "auto"`), and it
  cannot render a message whose content is a list of parts, which OpenCode
  sends for an attached file. Any other endpoint is used as it is.

Everything OpenCode writes (its database, logs, snapshots) goes to a temporary
HOME and XDG directories; tokens are summed from the `step_finish` events of
`--format json`.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
from agents import Endpoint, Run, _quiet_env, _visible_errors, run_process

from smallcode_ls.model.llama_server import amx_advertised, extra_buffers_wanted

BENCH = Path(__file__).resolve().parent
ROOT = BENCH / ".opencode"
OPENCODE = ROOT / "node_modules" / "opencode-ai" / "bin" / "opencode.exe"
CONFIG_HOME = ROOT / "config"  # XDG_CONFIG_HOME; setup_peers.sh installs @opencode-ai/plugin in its opencode/
PLUGIN = CONFIG_HOME / "opencode" / "node_modules" / "@opencode-ai" / "plugin" / "package.json"
RIPGREP = ROOT / "ripgrep" / "bin"
PROVIDER = "local"
MAX_OUTPUT = 2048  # as the aider peer's max_tokens
DENIED_TOOLS = ("webfetch", "task", "skill", "todowrite")
LLAMA_SERVER = ROOT / "llama-server" / "llama-server"
SERVER_START_SECONDS = 120.0


def installed() -> str:
    """Empty when OpenCode can run offline; otherwise what is missing."""
    for path in (OPENCODE, PLUGIN, RIPGREP / "rg"):
        if not path.exists():
            return f"opencode is not installed ({path} is missing): bash bench/setup_peers.sh"
    return ""


def opencode(task: dict, work: Path, endpoint: Endpoint, timeout: float) -> Run:
    missing = installed()
    if missing:
        return Run(error=missing)
    if endpoint.gguf and not LLAMA_SERVER.exists():
        return Run(error=f"llama-server is not built ({LLAMA_SERVER} is missing): bash bench/setup_peers.sh")
    try:
        with tool_calling(endpoint) as served:
            return _run(task, work, served, timeout)
    except ServerFailed as exc:
        return Run(error=str(exc))


def _run(task: dict, work: Path, endpoint: Endpoint, timeout: float) -> Run:
    run = Run()
    started = time.monotonic()
    deadline = started + timeout
    subprocess.run(["git", "init", "-q"], cwd=work, check=False)
    subprocess.run(["git", "add", "-A"], cwd=work, check=False)
    subprocess.run(
        ["git", "-c", "user.email=b@b", "-c", "user.name=bench", "commit", "-qm", "task"], cwd=work, check=False
    )
    with tempfile.TemporaryDirectory(prefix="smallcode-opencode-") as tmp:
        config = Path(tmp) / "opencode.json"
        config.write_text(json.dumps(opencode_config(endpoint), indent=1))
        env = opencode_env(Path(tmp), config)
        files = [task["target"]] if task.get("target") and (work / task["target"]).is_file() else []
        kind = task["kind"]
        message = task.get("instruction", "")
        if kind == "fix" and task.get("line"):
            message = f"{message} (the error is on line {task['line']} of {task['target']})"
        if kind == "make-tests-pass":
            message = f"Fix the code so that `{task['test_cmd']}` passes.\n{_visible_errors(task, work, deadline)}"
        for attempt in (1, 2):
            run.rounds += 1
            argv = [
                # A piped stdin is read to its end before the run starts: give it none.
                "sh", "-c", 'exec "$@" </dev/null', "opencode",
                str(OPENCODE), "run", "--model", f"{PROVIDER}/{endpoint.model}", "--format", "json",
                "--title", str(task.get("id") or "bench"),
                *(["--agent", "plan"] if kind == "ask" else []),
                *[arg for name in files for arg in ("--file", name)],
                "--", message,
            ]  # fmt: skip
            code, out, err = run_process(argv, work, max(10.0, deadline - time.monotonic()), env)
            events = parse_events(out)
            run.log.append(transcript(events)[-3000:])
            tokens_in, tokens_out = count_tokens(events)
            run.tokens_in += tokens_in
            run.tokens_out += tokens_out
            run.error = run_error(events, code, err)
            if kind == "ask":
                run.answer = answer_text(events)
                break
            errors = _visible_errors(task, work, deadline)
            if not errors or attempt == 2 or time.monotonic() > deadline:
                break
            message = f"{task.get('instruction', '')}\n\nThese errors remain:\n{errors}"
    run.seconds = time.monotonic() - started
    return run


class ServerFailed(RuntimeError):
    pass


@contextlib.contextmanager
def tool_calling(endpoint: Endpoint) -> Iterator[Endpoint]:
    """The endpoint OpenCode talks to: for the embedded model, its GGUF served by llama.cpp's own
    server, which hands the model's tool calls back as tool calls; any other endpoint as it is.
    The server starts before the task's clock, as the embedded one is already up for the others."""
    if not endpoint.gguf:
        yield endpoint
        return
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    argv = [
        str(LLAMA_SERVER), "--model", endpoint.gguf, "--alias", endpoint.model,
        "--ctx-size", str(endpoint.context_window), "--parallel", "1", "--threads", str(os.cpu_count() or 1),
        "--host", "127.0.0.1", "--port", str(port), "--jinja", "--no-webui",
    ]  # fmt: skip
    if not extra_buffers_wanted(os.environ, amx_advertised()):
        argv.append("--no-repack")  # as the embedded server does (smallcode_ls/model/llama_server.py)
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            _wait_ready(proc, port, log)
            yield Endpoint(f"http://127.0.0.1:{port}/v1", endpoint.model, endpoint.context_window)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def _wait_ready(proc: subprocess.Popen[bytes], port: int, log: Any) -> None:
    limit = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < limit:
        if proc.poll() is not None:
            log.seek(0)
            tail = log.read().decode(errors="replace")[-1500:]
            raise ServerFailed(f"llama-server exited with code {proc.returncode}: {tail}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                return
        time.sleep(0.25)
    raise ServerFailed(f"llama-server did not answer within {SERVER_START_SECONDS:g} s")


def opencode_config(endpoint: Endpoint) -> dict[str, Any]:
    model = f"{PROVIDER}/{endpoint.model}"
    return {
        "provider": {
            PROVIDER: {
                "npm": "@ai-sdk/openai-compatible",  # bundled in the binary: nothing is installed at run time
                "name": "Benchmark endpoint",
                "options": {"baseURL": endpoint.url, "apiKey": "local"},
                "models": {
                    endpoint.model: {
                        "name": endpoint.model,
                        "tool_call": True,
                        "temperature": True,
                        "limit": {"context": endpoint.context_window, "output": MAX_OUTPUT},
                    }
                },
            }
        },
        "model": model,
        "small_model": model,
        "autoupdate": False,
        "share": "disabled",
        "permission": {"external_directory": "deny", **dict.fromkeys(DENIED_TOOLS, "deny")},
        "agent": {"build": {"temperature": 0}, "plan": {"temperature": 0}},
    }


def opencode_env(tmp: Path, config: Path) -> dict[str, str]:
    env = {key: value for key, value in _quiet_env().items() if not key.startswith("OPENCODE_")}
    home = tmp / "home"
    env.update(
        {
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(CONFIG_HOME),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "XDG_STATE_HOME": str(home / ".local" / "state"),
            "OPENCODE_CONFIG": str(config),
            "OPENCODE_DISABLE_AUTOUPDATE": "1",
            "OPENCODE_DISABLE_MODELS_FETCH": "1",
            "OPENCODE_DISABLE_SHARE": "1",
            "OPENCODE_DISABLE_LSP_DOWNLOAD": "1",
            "OPENCODE_DISABLE_CLAUDE_CODE": "1",
            "PATH": str(RIPGREP) + os.pathsep + env.get("PATH", ""),
            "TERM": "dumb",
            "NO_COLOR": "1",
        }
    )
    return env


def parse_events(out: str) -> list[dict[str, Any]]:
    events = []
    for line in out.splitlines():
        line = line.strip()
        if not line.startswith("{"):
            continue
        try:
            event = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(event, dict):
            events.append(event)
    return events


def count_tokens(events: list[dict[str, Any]]) -> tuple[int, int]:
    tokens_in = tokens_out = 0
    for event in events:
        if event.get("type") == "step_finish":
            tokens = (event.get("part") or {}).get("tokens") or {}
            tokens_in += int(tokens.get("input") or 0)
            tokens_out += int(tokens.get("output") or 0) + int(tokens.get("reasoning") or 0)
    return tokens_in, tokens_out


def answer_text(events: list[dict[str, Any]]) -> str:
    """The model's own words: every text part, less those OpenCode wrote itself."""
    texts = []
    for event in events:
        part = event.get("part") or {}
        if event.get("type") == "text" and not part.get("synthetic") and part.get("text"):
            texts.append(str(part["text"]).strip())
    return "\n\n".join(text for text in texts if text)


def run_error(events: list[dict[str, Any]], code: int, err: str) -> str:
    messages = []
    for event in events:
        if event.get("type") == "error":
            error = event.get("error") or {}
            data = error.get("data") or {}
            messages.append(f"{error.get('name', 'Error')}: {data.get('message', '')}".strip())
    if code != 0 and not messages:
        messages.append(f"exit {code}: {err.strip()[-500:]}")
    return "; ".join(messages)


def transcript(events: list[dict[str, Any]]) -> str:
    lines = []
    for event in events:
        part = event.get("part") or {}
        if event.get("type") == "text" and part.get("text"):
            lines.append(str(part["text"]))
        elif event.get("type") == "tool_use":
            state = part.get("state") or {}
            detail = state.get("title") or state.get("error") or ""
            lines.append(f"[{part.get('tool')} {state.get('status')}: {detail}]")
        elif event.get("type") == "error":
            lines.append(f"[error: {json.dumps(event.get('error'))[:500]}]")
    return "\n".join(lines)
