"""The agents the benchmark compares, each run on a fresh copy of a task's repo.

- smallcode: our CLI (`smallcode fix|implement|do|ask|make-tests-pass --json`).
- naive: the same model alone: the instruction and the whole target file, the
  whole new file back, written as is; one more try with the errors a user would
  see (fatal lint, the visible test command).
- aider: Aider (its own venv, bench/.venv-aider), whole edit format, the same
  instruction and target file, its repo map on (the copy is a git repository),
  two tries with the visible errors on the second, as Aider's own benchmark does.
- opencode: OpenCode (`opencode run`, bench/peer_opencode.py), offline, the same
  instruction and file, two tries likewise.

All three talk to the same OpenAI-compatible endpoint.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

BENCH = Path(__file__).resolve().parent
AIDER = BENCH / ".venv-aider" / "bin" / "aider"


@dataclass
class Run:
    answer: str = ""
    rounds: int = 0
    decompositions: int = 0
    escalations: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    seconds: float = 0.0
    error: str = ""
    log: list[str] = field(default_factory=list)


@dataclass
class Endpoint:
    url: str  # .../v1
    model: str
    context_window: int = 8192
    gguf: str = ""  # the weights, when this is the embedded model (the opencode peer serves them itself)


def run_process(argv: list[str], cwd: Path, timeout: float, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """Run with a hard time limit; the whole process group dies at the limit."""
    proc = subprocess.Popen(
        argv,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=timeout)
        return proc.returncode, out, err
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        return -9, out, err + f"\n(killed after {timeout:.0f} s)"


# -- smallcode -------------------------------------------------------------------


SMALLCODE_STOP_MARGIN = 5.0  # seconds


def smallcode(task: dict, work: Path, endpoint: Endpoint, timeout: float) -> Run:
    base = [sys.executable, "-m", "smallcode_ls.cli"]
    common = ["--path", str(work), "--endpoint", endpoint.url, "--model", endpoint.model, "--json", "--no-escalation"]
    kind = task["kind"]
    target = task.get("target", "")
    if kind == "fix":
        where = f"{target}:{task['line']}" if task.get("line") else target
        argv = [*base, "fix", str(work / where), "--message", task.get("instruction", ""), *common]
        if task.get("test_cmd"):
            argv += ["--test-cmd", task["test_cmd"]]
    elif kind == "implement":
        where = f"{target}:{task['symbol']}" if task.get("symbol") else target
        argv = [*base, "implement", str(work / where), *common]
    elif kind == "edit":
        # As from an editor: the file open, and the symbol when the task names one (which may be
        # one to add).
        argv = [*base, "do", task["instruction"], *common]
        if task.get("symbol"):
            argv += ["--symbol", task["symbol"]]
        if target:
            argv += ["--file", str(work / target)]
    elif kind == "ask":
        argv = [*base, "ask", task["instruction"], *common]
        if task.get("symbol"):
            argv += ["--symbol", task["symbol"]]
    else:
        argv = [*base, "make-tests-pass", "--test-cmd", task["test_cmd"], *common]
    # Its own limit a little inside the runner's, so a task that runs out of time still reports
    # the rounds and tokens it spent (the runner's kill leaves nothing to read).
    argv += ["--time-limit", f"{max(1.0, timeout - SMALLCODE_STOP_MARGIN):g}"]
    started = time.monotonic()
    code, out, err = run_process(argv, work, timeout, _quiet_env())
    run = Run(seconds=time.monotonic() - started)
    try:
        data = json.loads(out)
    except json.JSONDecodeError:
        run.error = f"exit {code}: {err.strip()[-500:]}"
        return run
    run.answer = model_prose(data.get("answer", ""))
    for key in ("rounds", "decompositions", "escalations", "tokens_in", "tokens_out"):
        setattr(run, key, int(data.get(key) or 0))
    if data.get("status") not in ("verified", "answered", "nothing-to-do"):
        run.error = data.get("message", "")
    return run


def model_prose(answer: str) -> str:
    """The part of smallcode's answer the model wrote. The lists the harness appends name every
    unit it retrieved ("Code consulted") and every direct caller and callee ("Call graph"): judged,
    they would pass the "required names" rule without the answer saying so."""
    return answer.split("\n\nCall graph:\n")[0].split("\n\nCode consulted:\n")[0]


# -- naive -----------------------------------------------------------------------

NAIVE_SYSTEM = "You are an expert programmer. Answer with the complete new file in one fenced code block."


def naive(task: dict, work: Path, endpoint: Endpoint, timeout: float) -> Run:
    run = Run()
    started = time.monotonic()
    deadline = started + timeout
    target = work / task.get("target", "")
    if task["kind"] == "ask":
        text = target.read_text() if target.is_file() else ""
        prompt = f"{task['instruction']}\n\nFile {task.get('target', '')}:\n```\n{text}\n```\nAnswer briefly."
        reply = _chat(endpoint, [{"role": "user", "content": prompt}], run, deadline)
        run.answer = reply
        run.log.append(reply[-3000:])
        run.seconds = time.monotonic() - started
        return run
    if not target.is_file():
        run.error = "no target file"
        return run
    feedback = _visible_errors(task, work, deadline) if task["kind"] == "make-tests-pass" else ""
    for attempt in (1, 2):
        run.rounds += 1
        text = target.read_text()
        request = _naive_request(task, text, feedback)
        try:
            reply = _chat(
                endpoint,
                [{"role": "system", "content": NAIVE_SYSTEM}, {"role": "user", "content": request}],
                run,
                deadline,
            )
        except Exception as exc:  # a timeout or a refused request ends the run
            run.error = str(exc)
            break
        run.log.append(reply[-3000:])
        code = _last_block(reply)
        if code is not None:
            target.write_text(code if code.endswith("\n") else code + "\n")
        feedback = _visible_errors(task, work, deadline)
        if not feedback or attempt == 2 or time.monotonic() > deadline:
            break
    run.seconds = time.monotonic() - started
    return run


def _naive_request(task: dict, text: str, feedback: str) -> str:
    kind = task["kind"]
    what = {
        "fix": "Fix the error" + (f" on line {task['line']}" if task.get("line") else ""),
        "implement": f"Implement `{task.get('symbol', '')}`",
        "edit": "Make this change",
        "make-tests-pass": "Fix the code so the tests pass",
    }.get(kind, "Do this")
    parts = [f"{what}: {task.get('instruction', '')}", f"File {task.get('target', '')}:\n```\n{text}\n```"]
    if feedback:
        parts.append(f"Errors:\n{feedback}")
    parts.append("Reply with the complete new file in one code block.")
    return "\n\n".join(parts)


def _chat(endpoint: Endpoint, messages: list[dict[str, Any]], run: Run, deadline: float) -> str:
    timeout = max(5.0, deadline - time.monotonic())
    response = httpx.post(
        endpoint.url + "/chat/completions",
        json={"model": endpoint.model, "messages": messages, "temperature": 0, "max_tokens": 2048},
        timeout=timeout,
    )
    response.raise_for_status()
    data = response.json()
    usage = data.get("usage") or {}
    run.tokens_in += int(usage.get("prompt_tokens") or 0)
    run.tokens_out += int(usage.get("completion_tokens") or 0)
    return str(data["choices"][0]["message"].get("content") or "")


def _last_block(reply: str) -> str | None:
    blocks = re.findall(r"```[\w+-]*\n(.*?)(?:```|\Z)", reply, re.DOTALL)
    return max(blocks, key=len) if blocks else None


def _visible_errors(task: dict, work: Path, deadline: float) -> str:
    """What a user would see without the hidden tests: fatal lint, and the visible test command."""
    lines = []
    target = work / task.get("target", "")
    if target.suffix == ".py" and target.is_file():
        code, out, _ = run_process(
            [sys.executable, "-m", "ruff", "check", "--isolated", "--select", "E9,F63,F7,F82", "--output-format",
             "concise", str(target)],
            work,
            60,
        )  # fmt: skip
        if code != 0:
            lines.append(out.strip())
    if task.get("test_cmd"):
        code, out, err = run_process(
            ["sh", "-c", task["test_cmd"]], work, max(10.0, min(120.0, deadline - time.monotonic())), _quiet_env()
        )
        if code != 0:
            lines.append((out + err)[-2000:])
    return "\n".join(lines)


# -- aider -----------------------------------------------------------------------


def aider(task: dict, work: Path, endpoint: Endpoint, timeout: float) -> Run:
    if not AIDER.exists():
        return Run(error="aider is not installed: bash bench/setup_peers.sh")
    run = Run()
    started = time.monotonic()
    deadline = started + timeout
    subprocess.run(["git", "init", "-q"], cwd=work, check=False)
    subprocess.run(["git", "add", "-A"], cwd=work, check=False)
    subprocess.run(
        ["git", "-c", "user.email=b@b", "-c", "user.name=bench", "commit", "-qm", "task"], cwd=work, check=False
    )
    with tempfile.TemporaryDirectory() as tmp:
        meta = Path(tmp) / "metadata.json"
        meta.write_text(
            json.dumps(
                {
                    f"openai/{endpoint.model}": {
                        "max_input_tokens": endpoint.context_window,
                        "max_output_tokens": 2048,
                        "max_tokens": endpoint.context_window,
                        "input_cost_per_token": 0,
                        "output_cost_per_token": 0,
                        "litellm_provider": "openai",
                        "mode": "chat",
                    }
                }
            )
        )
        settings = Path(tmp) / "settings.yml"
        settings.write_text(f"- name: openai/{endpoint.model}\n  extra_params:\n    max_tokens: 2048\n")
        env = {
            **_quiet_env(),
            "OPENAI_API_BASE": endpoint.url,
            "OPENAI_API_KEY": "local",
            "AIDER_ANALYTICS": "false",
        }
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
                str(AIDER), "--message", message, *files,
                "--model", f"openai/{endpoint.model}",
                "--model-metadata-file", str(meta), "--model-settings-file", str(settings),
                "--edit-format", "ask" if kind == "ask" else "whole",
                "--no-auto-commits", "--yes-always", "--no-show-model-warnings", "--no-check-update",
                "--no-analytics", "--no-detect-urls", "--no-pretty", "--no-stream", "--map-tokens", "1024",
            ]  # fmt: skip
            _code, out, _err = run_process(argv, work, max(10.0, deadline - time.monotonic()), env)
            run.log.append(out[-3000:])
            _aider_tokens(out, run)
            if kind == "ask":
                run.answer = _aider_answer(out)
                break
            errors = _visible_errors(task, work, deadline)
            if not errors or attempt == 2 or time.monotonic() > deadline:
                break
            message = f"{task.get('instruction', '')}\n\nThese errors remain:\n{errors}"
    run.seconds = time.monotonic() - started
    return run


def _aider_tokens(out: str, run: Run) -> None:
    # "Tokens: 1.2k sent, 345 received."
    for sent, received in re.findall(r"Tokens: ([\d.]+k?) sent, ([\d.]+k?) received", out):
        run.tokens_in += _count(sent)
        run.tokens_out += _count(received)


def _count(text: str) -> int:
    return int(float(text[:-1]) * 1000) if text.endswith("k") else int(float(text))


def _aider_answer(out: str) -> str:
    lines = [
        line
        for line in out.splitlines()
        if not line.startswith(("Aider v", "Model:", "Git repo:", "Repo-map:", "Tokens:", "Main model:", "Weak model:"))
    ]
    return "\n".join(lines).strip()


def _quiet_env() -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
        "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""),
    }


def opencode(task: dict, work: Path, endpoint: Endpoint, timeout: float) -> Run:
    from peer_opencode import opencode as run_opencode  # imports this module: loaded on first use

    return run_opencode(task, work, endpoint, timeout)


AGENTS = {"smallcode": smallcode, "naive": naive, "aider": aider, "opencode": opencode}
