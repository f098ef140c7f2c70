"""Speed of a model endpoint through our own client: prompt and generation tokens per second.

Starts (or joins) the embedded model unless --endpoint says otherwise, sends a
fixed prompt of real code (a stdlib module's start, about --prompt-tokens long)
a few times, streamed, and reports medians. Each run changes the first line of
the prompt so the server's prompt cache cannot skip the work.

    .venv/bin/python bench/model_speed.py --endpoint embedded:qwen2.5-coder-0.5b --runs 3
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sysconfig
import time
from pathlib import Path

from smallcode_ls.config import EndpointSettings
from smallcode_ls.model import open_client
from smallcode_ls.model.tokens import estimate_tokens


def _prompt_code(tokens: int) -> str:
    text = (Path(sysconfig.get_paths()["stdlib"]) / "tarfile.py").read_text(encoding="utf-8")
    lines = text.splitlines()
    out: list[str] = []
    for line in lines:
        out.append(line)
        if estimate_tokens("\n".join(out)) >= tokens:
            break
    return "\n".join(out)


async def run(endpoint: str, runs: int, prompt_tokens: int, max_tokens: int) -> dict[str, object]:
    started = time.monotonic()
    client = await open_client(EndpointSettings(endpoint=endpoint, max_output_tokens=max_tokens))
    ready = time.monotonic() - started
    code = _prompt_code(prompt_tokens)
    rows = []
    try:
        for number in range(runs):
            messages = [
                {"role": "system", "content": f"Run {number} at {time.time()}. You explain Python code briefly."},
                {
                    "role": "user",
                    "content": f"```python\n{code}\n```\nWhat does this module do? Answer in 3 sentences.",
                },
            ]
            result = await client.chat(messages, stream=True)
            first = result.first_token_seconds or result.seconds
            gen_seconds = max(1e-6, result.seconds - first)
            rows.append(
                {
                    "prompt_tokens": result.usage.prompt_tokens,
                    "completion_tokens": result.usage.completion_tokens,
                    "first_token_seconds": round(first, 2),
                    "seconds": round(result.seconds, 2),
                    "prompt_tps": round(result.usage.prompt_tokens / first, 1),
                    "gen_tps": round(max(0, result.usage.completion_tokens - 1) / gen_seconds, 1),
                }
            )
    finally:
        await client.aclose()
    return {
        "endpoint": endpoint,
        "start_seconds": round(ready, 2),
        "prompt_tps_median": statistics.median(r["prompt_tps"] for r in rows),
        "gen_tps_median": statistics.median(r["gen_tps"] for r in rows),
        "runs": rows,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--endpoint", default="embedded")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--prompt-tokens", type=int, default=1000)
    parser.add_argument("--max-tokens", type=int, default=120)
    args = parser.parse_args()
    print(json.dumps(asyncio.run(run(args.endpoint, args.runs, args.prompt_tokens, args.max_tokens)), indent=2))


if __name__ == "__main__":
    main()
