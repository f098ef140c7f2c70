"""How far tiktoken's cl100k count is from Qwen2.5-Coder's own tokenizer on real code.

The budget estimates tokens with cl100k times a safety margin whenever the
endpoint cannot tokenize. This measures the ratio qwen/cl100k over the code
units (functions and classes) of a few stdlib packages, with the embedded
model's vocabulary loaded by llama-cpp-python (`local` extra, model assembled).

    .venv/bin/python bench/token_margin.py [--model qwen2.5-coder-1.5b]
"""

from __future__ import annotations

import argparse
import statistics
import sysconfig
from pathlib import Path

from smallcode_ls.graph.extract import extract_file
from smallcode_ls.graph.languages import language_for
from smallcode_ls.model import embedded
from smallcode_ls.model.tokens import ESTIMATE_MARGIN, _encoding

PACKAGES = ("json", "http", "email", "asyncio", "unittest")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default=embedded.DEFAULT_MODEL)
    args = parser.parse_args()
    from llama_cpp import Llama

    llm = Llama(model_path=str(embedded.model_path(args.model)), vocab_only=True, verbose=False)
    cl100k = _encoding()
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    ratios: list[float] = []
    qwen_total = tik_total = 0
    for package in PACKAGES:
        for path in sorted((stdlib / package).rglob("*.py")):
            data = path.read_bytes()
            fi = extract_file(str(path), language_for(str(path)), data)  # type: ignore[arg-type]
            lines = data.decode("utf-8", "replace").split("\n")
            for sym in fi.symbols:
                text = "\n".join(lines[sym.start[0] : sym.end[0] + 1])
                if len(text) < 40:
                    continue
                qwen = len(llm.tokenize(text.encode(), add_bos=False, special=False))
                tik = len(cl100k.encode(text, disallowed_special=()))
                qwen_total += qwen
                tik_total += tik
                ratios.append(qwen / tik)
    ratios.sort()
    covered = sum(1 for r in ratios if r <= ESTIMATE_MARGIN) / len(ratios)
    print(f"units: {len(ratios)}; qwen tokens {qwen_total:,}, cl100k tokens {tik_total:,}")
    print(f"qwen/cl100k overall: {qwen_total / tik_total:.3f}")
    print(
        f"per unit: median {statistics.median(ratios):.3f}, p95 {ratios[int(len(ratios) * 0.95)]:.3f}, "
        f"p99 {ratios[int(len(ratios) * 0.99)]:.3f}, max {ratios[-1]:.3f}"
    )
    print(f"units the margin {ESTIMATE_MARGIN} covers (estimate >= qwen count): {covered:.1%}")


if __name__ == "__main__":
    main()
