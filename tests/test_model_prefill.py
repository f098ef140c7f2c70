"""A started answer (prefill): sent as a raw ChatML prompt to /v1/completions where that works,
ignored where it cannot."""

from __future__ import annotations

from pathlib import Path

import pytest
from fakes.scripted_server import Reply, ScriptedServer, completion
from test_agent_engine import engine_for, make_project
from test_model_client import client_for

from smallcode_ls.agent.tasks import Task
from smallcode_ls.config import EndpointSettings

MESSAGES = [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Write f."}]
HEAD = "```python\ndef f():\n"


def text_completion(text: str, usage: tuple[int, int] = (30, 4)) -> Reply:
    return Reply(
        json={
            "choices": [{"index": 0, "text": text, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": usage[0], "completion_tokens": usage[1]},
        }
    )


async def test_prefill_goes_to_raw_completions_as_chatml_for_a_qwen_model() -> None:
    routes = {("POST", "/v1/completions"): text_completion("    return 1\n")}
    with ScriptedServer([], routes=routes) as server:
        async with client_for(server.url, model="qwen2.5-coder-1.5b") as client:
            result = await client.chat(MESSAGES, prefill=HEAD, stop=["```"], seed=7)
    assert result.content == HEAD + "    return 1\n"
    assert (result.usage.prompt_tokens, result.usage.completion_tokens) == (30, 4)
    body = next(r for r in server.requests if r.path == "/v1/completions").body
    assert body["prompt"] == (
        "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nWrite f.<|im_end|>\n<|im_start|>assistant\n" + HEAD
    )
    assert {"```", "<|im_end|>"} <= set(body["stop"]) and body["model"] == "qwen2.5-coder-1.5b"
    assert body["seed"] == 7
    assert server.chat_requests() == []


async def test_an_endpoint_without_raw_completions_answers_by_chat_from_then_on() -> None:
    routes = {("POST", "/v1/completions"): Reply(status=404, json={"error": "not found"})}
    with ScriptedServer([completion("```python\ndef f():\n    return 1\n```")] * 2, routes=routes) as server:
        async with client_for(server.url, model="qwen2.5-coder-1.5b") as client:
            first = await client.chat(MESSAGES, prefill=HEAD, stop=["```"])
            await client.chat(MESSAGES, prefill=HEAD, stop=["```"])
    assert first.content.startswith("```python")
    # The closing-fence stop belonged to the started answer: from scratch it would end the reply at once.
    assert all("stop" not in r.body for r in server.chat_requests())
    assert len([r for r in server.requests if r.path == "/v1/completions"]) == 1  # asked once, then remembered
    assert len(server.chat_requests()) == 2


@pytest.mark.parametrize(("endpoint_model", "prefill"), [("llama-3.2-1b", "auto"), ("qwen2.5-coder-1.5b", "off")])
async def test_prefill_is_not_used_for_other_models_or_when_off(endpoint_model: str, prefill: str) -> None:
    with ScriptedServer([completion("ok")]) as server:
        async with client_for(server.url, model=endpoint_model, prefill=prefill) as client:
            result = await client.chat(MESSAGES, prefill=HEAD, stop=["```"])
    assert result.content == "ok" and len(server.chat_requests()) == 1
    assert "stop" not in server.chat_requests()[0].body
    assert not any(r.path == "/v1/completions" for r in server.requests)


async def test_ollama_never_gets_a_raw_prompt() -> None:
    with ScriptedServer([completion("ok")]) as server:
        port = server.url.rsplit(":", 1)[1].split("/")[0]
        async with client_for(f"ollama@127.0.0.1:{port}", model="qwen2.5-coder:1.5b") as client:
            assert await client.prefill_format() == "off"


STUB = '''def mean(values):
    """Arithmetic mean."""
    raise NotImplementedError
'''


async def test_implement_shows_the_stub_without_its_placeholder_and_starts_the_answer(tmp_path: Path) -> None:
    path = make_project(tmp_path, STUB)
    (tmp_path / "tests" / "test_stats.py").write_text(
        "from app.stats import mean\n\n\ndef test_mean():\n    assert mean([1, 3]) == 2\n"
    )
    routes = {("POST", "/v1/completions"): text_completion("    return sum(values) / len(values)\n")}
    with ScriptedServer([], routes=routes) as server:
        qwen = EndpointSettings(endpoint=server.url, model="qwen2.5-coder-0.5b")
        engine, router = engine_for(tmp_path, server.url, model=qwen)
        outcome = await engine.run(Task("implement", path=str(path), symbol="mean"))
        await router.aclose()
    assert outcome.status == "verified", (outcome.message, outcome.remaining)
    assert "return sum(values) / len(values)" in outcome.changes[str(path)]
    prompt = next(r for r in server.requests if r.path == "/v1/completions").body["prompt"]
    assert "NotImplementedError" not in prompt
    assert prompt.endswith('<|im_start|>assistant\n```python\ndef mean(values):\n    """Arithmetic mean."""\n')


async def test_a_fix_starts_the_answer_with_the_signature_and_docstring(tmp_path: Path) -> None:
    path = make_project(tmp_path)  # stdev divides by an undefined `nums`
    body = "    m = mean(values)\n    return math.sqrt(sum((v - m) ** 2 for v in values) / len(values))\n"
    routes = {("POST", "/v1/completions"): text_completion(body)}
    with ScriptedServer([], routes=routes) as server:
        qwen = EndpointSettings(endpoint=server.url, model="qwen2.5-coder-1.5b")
        engine, router = engine_for(tmp_path, server.url, model=qwen)
        outcome = await engine.run(Task("fix", path=str(path)))
        await router.aclose()
    assert outcome.status == "verified", (outcome.message, outcome.remaining)
    assert "/ len(values))" in outcome.changes[str(path)]
    prompt = next(r for r in server.requests if r.path == "/v1/completions").body["prompt"]
    assert prompt.endswith(
        '<|im_start|>assistant\n```python\ndef stdev(values):\n    """Population standard deviation."""\n'
    )


async def test_a_fix_in_the_signature_is_not_started_for_the_model(tmp_path: Path) -> None:
    path = make_project(
        tmp_path, "def scale(values: Sequnce[float]) -> list[float]:\n    return [v * 2 for v in values]\n"
    )
    fixed = "```python\ndef scale(values: list[float]) -> list[float]:\n    return [v * 2 for v in values]\n```"
    with ScriptedServer([completion(fixed)]) as server:
        qwen = EndpointSettings(endpoint=server.url, model="qwen2.5-coder-1.5b")
        engine, router = engine_for(tmp_path, server.url, model=qwen)
        outcome = await engine.run(Task("fix", path=str(path)))
        await router.aclose()
    assert not any(r.path == "/v1/completions" for r in server.requests)
    assert outcome.status == "verified", (outcome.message, outcome.remaining)


HALF = "import math\n\n\ndef half(x):\n    return x / 3\n"


async def test_a_fix_in_words_at_the_function_name_still_starts_the_answer(tmp_path: Path) -> None:
    # The cursor on `def stdev` and the user's words: the problem points at the signature line, but
    # it is not a problem in the signature.
    path = make_project(tmp_path, HALF)
    routes = {("POST", "/v1/completions"): text_completion("    return x / 2\n")}
    with ScriptedServer([], routes=routes) as server:
        qwen = EndpointSettings(endpoint=server.url, model="qwen2.5-coder-1.5b")
        engine, router = engine_for(tmp_path, server.url, model=qwen)
        outcome = await engine.run(Task("fix", path=str(path), line=3, instruction="half(4) gives 1.33, not 2"))
        await router.aclose()
    assert outcome.status == "verified", (outcome.message, outcome.remaining)
    assert outcome.changes[str(path)] == HALF.replace("x / 3", "x / 2")
    prompt = next(r for r in server.requests if r.path == "/v1/completions").body["prompt"]
    assert prompt.endswith("<|im_start|>assistant\n```python\ndef half(x):\n")
