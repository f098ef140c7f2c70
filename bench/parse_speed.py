"""The speed limit under the cold index: tree-sitter alone on the stdlib.

Times `Parser.parse`, then parse plus the grammar's own `TAGS_QUERY`, over every
`.py` file of the running interpreter's standard library (no site-packages), in
one process. Usage: `.venv/bin/python bench/parse_speed.py`.
"""

from __future__ import annotations

import sysconfig
import time
from pathlib import Path

import tree_sitter as ts
import tree_sitter_python as tsp


def main() -> None:
    root = Path(sysconfig.get_paths()["stdlib"])
    datas = [f.read_bytes() for f in sorted(root.rglob("*.py")) if "site-packages" not in f.parts]
    lines = sum(d.count(b"\n") for d in datas)
    language = ts.Language(tsp.language())
    parser = ts.Parser(language)
    started = time.perf_counter()
    for data in datas:
        parser.parse(data)
    parse_s = time.perf_counter() - started
    query = ts.Query(language, tsp.TAGS_QUERY)
    started = time.perf_counter()
    for data in datas:
        ts.QueryCursor(query).captures(parser.parse(data).root_node)
    tags_s = time.perf_counter() - started
    print(f"{len(datas)} files, {lines:,} lines")
    print(f"parse only:      {parse_s:.2f} s, {lines / parse_s:,.0f} lines/s on one core")
    print(f"parse plus tags: {tags_s:.2f} s, {lines / tags_s:,.0f} lines/s on one core")


if __name__ == "__main__":
    main()
