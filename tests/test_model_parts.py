"""Endpoints, token budgets and escalation routing: the model layer without a network."""

from __future__ import annotations

import pytest
from fakes.scripted_server import ScriptedServer, completion

from smallcode_ls.config import EndpointSettings, EscalationSettings, Settings
from smallcode_ls.model.client import ModelClient
from smallcode_ls.model.endpoints import normalize_url, resolve_endpoint
from smallcode_ls.model.errors import BudgetExceeded, ConfigurationError, EscalationUnavailable
from smallcode_ls.model.routing import Router
from smallcode_ls.model.sse import DONE, SSEDecoder
from smallcode_ls.model.tokens import Budget, TokenCounter, check_prompt, estimate_tokens


@pytest.mark.parametrize(
    ("raw", "fixed"),
    [
        ("localhost:11434", "http://localhost:11434/v1"),
        ("http://localhost:11434/", "http://localhost:11434/v1"),
        ("http://localhost:11434/api", "http://localhost:11434/v1"),
        ("http://box:8000/v1/chat/completions", "http://box:8000/v1"),
        ("https://gpu.example.com/openai/v1/", "https://gpu.example.com/openai/v1"),
        ("http://127.0.0.1:8080/v1/models", "http://127.0.0.1:8080/v1"),
    ],
)
def test_url_fixing(raw: str, fixed: str) -> None:
    assert normalize_url(raw) == fixed


@pytest.mark.parametrize(
    ("endpoint", "base", "kind"),
    [
        ("ollama", "http://127.0.0.1:11434/v1", "ollama"),
        ("lmstudio", "http://127.0.0.1:1234/v1", "lmstudio"),
        ("llama.cpp", "http://127.0.0.1:8080/v1", "llamacpp"),
        ("vllm@gpu-box:9000", "http://gpu-box:9000/v1", "vllm"),
        ("http://10.0.0.5:11434", "http://10.0.0.5:11434/v1", "ollama"),
        ("http://10.0.0.5:7777", "http://10.0.0.5:7777/v1", "openai-compatible"),
    ],
)
def test_presets(endpoint: str, base: str, kind: str) -> None:
    resolved = resolve_endpoint(EndpointSettings(endpoint=endpoint))
    assert (resolved.base_url, resolved.kind) == (base, kind)


def test_embedded_and_keys() -> None:
    assert resolve_endpoint(EndpointSettings()).kind == "embedded"
    assert resolve_endpoint(EndpointSettings(endpoint="embedded:qwen2.5-coder-0.5b")).embedded_model == (
        "qwen2.5-coder-0.5b"
    )
    with pytest.raises(ConfigurationError, match="needs api_key_env"):
        resolve_endpoint(EndpointSettings(endpoint="openai"))
    with pytest.raises(ConfigurationError, match="OPENAI_KEY"):
        resolve_endpoint(EndpointSettings(endpoint="openai", api_key_env="OPENAI_KEY"), {})
    found = resolve_endpoint(EndpointSettings(endpoint="openai", api_key_env="K"), {"K": "sk-1"})
    assert found.api_key == "sk-1" and "sk-1" not in repr(found)
    with pytest.raises(ConfigurationError, match="not an http"):
        resolve_endpoint(EndpointSettings(endpoint="ftp://x"))


def test_sse_decoder_handles_split_events_and_ndjson() -> None:
    decoder = SSEDecoder()
    assert decoder.feed(b'data: {"a"') == []
    assert decoder.feed(b": 1}\n\n") == [{"a": 1}]
    # One JSON object per line, no blank line between (seen from some servers).
    assert decoder.feed(b'data: {"b": 2}\ndata: {"c": 3}\n\ndata: [DONE]\n') == [{"b": 2}, {"c": 3}, DONE]
    assert decoder.close() == []


def test_estimate_is_an_upper_bound_with_margin() -> None:
    code = "def add(a, b):\n    return a + b\n"
    assert estimate_tokens("") == 0
    assert estimate_tokens(code) > 10


def test_budget_takes_whole_pieces_and_never_overflows() -> None:
    budget = Budget(1000, 200, count=lambda text: len(text.split()))
    assert budget.room == 800
    assert budget.add("system", "you fix code")
    units = ["a " * 150, "b " * 400, "c " * 20]
    taken = budget.fit("target", units)
    assert taken == [units[0], units[2]]  # the big one is dropped whole, a smaller one still fits
    assert budget.used <= budget.room
    with pytest.raises(BudgetExceeded, match="target text needs"):
        budget.add("target", "z " * 900, required=True)
    report = budget.report()
    assert report["output_reserved"] == 200 and report["target"] > 0
    with pytest.raises(BudgetExceeded, match="no budget part"):
        budget.add("nonsense", "x")
    with pytest.raises(BudgetExceeded, match="reserved output"):
        Budget(100, 100)


def test_budget_borrow_uses_free_room_of_other_parts() -> None:
    budget = Budget(1000, 0, shares={"a": 0.5, "b": 0.5}, count=len)
    assert not budget.add("a", "x" * 700)
    assert budget.add("a", "x" * 700, borrow=True)
    assert budget.free() == 1000 - 706


async def test_exact_counting_through_the_endpoint() -> None:
    from fakes.scripted_server import Reply

    routes = {("POST", "/tokenize"): Reply(json={"tokens": [5] * 42})}
    with ScriptedServer(routes=routes) as server:
        client = ModelClient(resolve_endpoint(EndpointSettings(endpoint=server.url, model="m")))
        counter = TokenCounter(client)
        assert await counter.count("anything") == 42 and counter.exact
        with pytest.raises(BudgetExceeded, match="overflows"):
            await check_prompt([{"role": "user", "content": "x"}], counter, 40, 0)
        await client.aclose()
    offline = TokenCounter()
    assert await offline.count("hello world") == estimate_tokens("hello world") and offline.exact is False


async def test_escalation_is_off_unless_configured_and_capped() -> None:
    router = Router(Settings())
    with pytest.raises(EscalationUnavailable, match="off"):
        await router.escalate([{"role": "user", "content": "x"}], "two failed rounds")
    with ScriptedServer([completion("big answer", usage=(100, 20)), completion("again")]) as server:
        settings = Settings(escalation=EscalationSettings(endpoint=server.url, model="big", max_per_session=1))
        router = Router(settings)
        assert router.escalation_left() == 1
        result = await router.escalate([{"role": "user", "content": "narrowed"}], "same error twice")
        assert result.content == "big answer"
        (record,) = router.records
        assert (record.reason, record.prompt_tokens, record.completion_tokens) == ("same error twice", 100, 20)
        assert record.endpoint.startswith("the endpoint at http://127.0.0.1")
        with pytest.raises(EscalationUnavailable, match="used its 1 escalation"):
            await router.escalate([{"role": "user", "content": "more"}], "again")
        await router.aclose()
    assert len(server.chat_requests()) == 1
