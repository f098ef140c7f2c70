"""Latency of listing code actions, over real stdio, on a 3k-line file.

Starts `smallcode-ls` on a temporary workspace holding a copy of the stdlib's
`tarfile.py` (2,897 lines), opens it, waits for the index, then sends
textDocument/codeAction at random positions (half of them with a diagnostic in
the context, as an editor does on an error) and reports round-trip p50/p95.
Listing never calls a model, so no model is configured.

    .venv/bin/python bench/code_action_bench.py --requests 300
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import statistics
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient


async def run(requests: int, seed: int) -> dict[str, object]:
    root = Path(tempfile.mkdtemp(prefix="smallcode-ca-"))
    source = Path(sysconfig.get_paths()["stdlib"]) / "tarfile.py"
    target = root / "tarfile.py"
    shutil.copy(source, target)
    text = target.read_text()
    lines = text.split("\n")
    client = LanguageClient("bench", "1")
    ended = asyncio.Event()

    @client.feature(lsp.WINDOW_WORK_DONE_PROGRESS_CREATE)
    def create(params: lsp.WorkDoneProgressCreateParams) -> None:
        return None

    @client.feature(lsp.PROGRESS)
    def progress(params: lsp.ProgressParams) -> None:
        if isinstance(params.value, dict) and params.value.get("kind") == "end":
            ended.set()

    await client.start_io(sys.executable, "-m", "smallcode_ls.server")
    try:
        await client.initialize_async(
            lsp.InitializeParams(
                capabilities=lsp.ClientCapabilities(window=lsp.WindowClientCapabilities(work_done_progress=True)),
                root_uri=root.as_uri(),
                initialization_options={"smallcode": {"index": {"cacheDir": str(root / ".cache")}}},
            )
        )
        client.initialized(lsp.InitializedParams())
        uri = target.as_uri()
        client.text_document_did_open(
            lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri=uri, language_id="python", version=1, text=text))
        )
        await asyncio.wait_for(ended.wait(), 60)
        rnd = random.Random(seed)
        times: list[float] = []
        counts: list[int] = []
        for number in range(requests):
            line = rnd.randrange(len(lines))
            col = rnd.randrange(len(lines[line]) + 1)
            pos = lsp.Position(line, col)
            diagnostics = []
            if number % 2:
                diagnostics = [
                    lsp.Diagnostic(range=lsp.Range(pos, lsp.Position(line, col + 1)), message="Undefined name `x`")
                ]
            params = lsp.CodeActionParams(
                text_document=lsp.TextDocumentIdentifier(uri=uri),
                range=lsp.Range(pos, pos),
                context=lsp.CodeActionContext(diagnostics=diagnostics),
            )
            started = time.perf_counter()
            found = await client.text_document_code_action_async(params)
            times.append((time.perf_counter() - started) * 1000)
            counts.append(len(found or []))
        await client.shutdown_async(None)
        client.exit(None)
    finally:
        await client.stop()
        shutil.rmtree(root, ignore_errors=True)
    times.sort()
    return {
        "file": "tarfile.py",
        "file_lines": len(lines),
        "requests": requests,
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(times[int(len(times) * 0.95)], 2),
        "max_ms": round(times[-1], 2),
        "mean_actions": round(statistics.mean(counts), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    print(json.dumps(asyncio.run(run(args.requests, args.seed)), indent=2))


if __name__ == "__main__":
    main()
