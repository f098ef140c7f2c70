"""Pick the code that matters for a task and fit it into a token budget.

One pipeline, read top to bottom: seeds (symbols, or names found in a
question) -> the graph neighbourhood around them -> personalized PageRank ->
whole code units in rank order until the budget is spent. A unit is either the
full source of a symbol or its signature and docstring; a unit that does not fit
is dropped whole, never cut.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .model import RESOLVED, Symbol
from .store import CodeGraph

TokenCounter = Callable[[str], int]
TextReader = Callable[[str], bytes | None]

# Edge kinds matter differently when deciding what code to show next to a target.
KIND_WEIGHT = {"calls": 1.0, "inherits": 1.0, "tests": 0.8, "imports": 0.3, "contains": 0.5}
MAX_NODES = 4000
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]{2,}")


def estimate_tokens(text: str) -> int:
    """A deliberately high estimate (about 3 characters a token for code)."""
    return len(text) // 3 + 1


def read_disk(path: str) -> bytes | None:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError:
        return None


@dataclass
class Unit:
    symbol: Symbol
    score: float
    form: str  # "full" | "summary"
    text: str
    tokens: int


@dataclass
class Context:
    units: list[Unit] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)  # symbol ids that did not fit
    tokens: int = 0

    @property
    def text(self) -> str:
        return "\n\n".join(u.text for u in self.units)


def seeds_from_question(graph: CodeGraph, question: str) -> dict[str, float]:
    """Symbols whose names appear in the question, rarer names weighing more."""
    found: dict[str, float] = {}
    words = set(_WORD.findall(question))
    lowered = {w.lower() for w in words}
    with graph.lock:
        for word in words | lowered:
            ids = graph.by_name.get(word, ())
            for sid in ids:
                found[sid] = found.get(sid, 0.0) + 1.0 / len(ids)
        if not found:
            # Fall back to substring matches of longer words (e.g. "parser" -> "ArgumentParser").
            for name, ids in graph.by_name.items():
                low = name.lower()
                if any(len(w) >= 4 and w in low for w in lowered):
                    for sid in ids:
                        found[sid] = found.get(sid, 0.0) + 0.5 / len(ids)
    return found


def rank(graph: CodeGraph, seeds: dict[str, float], damping: float = 0.85, rounds: int = 30) -> dict[str, float]:
    """Personalized PageRank over the neighbourhood of the seeds (edges undirected)."""
    with graph.lock:
        nodes = _neighbourhood(graph, seeds)
        index = {n: i for i, n in enumerate(nodes)}
        links: list[list[tuple[int, float]]] = [[] for _ in nodes]
        for node in nodes:
            i = index[node]
            for (dst, kind), w in graph.out.get(node, {}).items():
                j = index.get(dst)
                if j is None or j == i:
                    continue
                weight = KIND_WEIGHT.get(kind, 0.5) * w / RESOLVED
                links[i].append((j, weight))
                links[j].append((i, weight))
    total_seed = sum(seeds.values()) or 1.0
    personal = [seeds.get(n, 0.0) / total_seed for n in nodes]
    out_weight: list[float] = [sum(w for _, w in row) for row in links]
    score = personal[:]
    for _ in range(rounds):
        nxt = [(1 - damping) * p for p in personal]
        dangling = 0.0
        for i, row in enumerate(links):
            if not out_weight[i]:
                dangling += score[i]
                continue
            share = damping * score[i] / out_weight[i]
            for j, link in row:
                nxt[j] += share * link
        if dangling:
            for i, p in enumerate(personal):
                nxt[i] += damping * dangling * p
        score = nxt
    return {n: score[i] for i, n in enumerate(nodes)}


def _neighbourhood(graph: CodeGraph, seeds: Iterable[str], depth: int = 3) -> list[str]:
    seen = dict.fromkeys(s for s in seeds if s in graph.symbols or s in graph.files)
    frontier = list(seen)
    for _ in range(depth):
        nxt = []
        for node in frontier:
            for dst, _kind in graph.out.get(node, {}):
                if dst not in seen:
                    seen[dst] = None
                    nxt.append(dst)
            for src, _kind in graph.inc.get(node, {}):
                if src not in seen:
                    seen[src] = None
                    nxt.append(src)
            if len(seen) >= MAX_NODES:
                return list(seen)
        frontier = nxt
    return list(seen)


def relevant(
    graph: CodeGraph,
    seeds: Iterable[str] | str,
    token_budget: int,
    count_tokens: TokenCounter = estimate_tokens,
    read: TextReader = read_disk,
    full_source_for: int = 3,
) -> Context:
    """The most relevant code units for the seeds, rendered within `token_budget`.

    `seeds` is symbol ids or names, or a question. The seeds themselves and the
    next best `full_source_for` units are shown in full; the rest as signature and
    docstring. Nothing is cut: a unit that does not fit is dropped whole.
    """
    if isinstance(seeds, str):
        seed_weights = seeds_from_question(graph, seeds)
    else:
        seed_weights = {}
        for seed in seeds:
            for sym in graph.find(seed) if seed not in graph.symbols else [graph.symbols[seed]]:
                seed_weights[sym.id] = 1.0
    ctx = Context()
    if not seed_weights:
        return ctx
    scores = rank(graph, seed_weights)
    ordered = sorted(
        (sid for sid in scores if sid in graph.symbols),
        key=lambda sid: (sid not in seed_weights, -scores[sid], sid),
    )
    sources: dict[str, bytes | None] = {}
    shown_full: set[str] = set()
    budget = token_budget
    extra_full = 0
    for sid in ordered:
        found = graph.symbols.get(sid)
        if found is None or _inside_shown(graph, found, shown_full):
            continue
        sym = found
        want_full = sid in seed_weights or extra_full < full_source_for
        unit = _render(graph, sym, scores[sid], "full" if want_full else "summary", sources, read, count_tokens)
        if unit is not None and unit.tokens > budget and unit.form == "full":
            # Too big in full: its signature may still fit.
            unit = _render(graph, sym, scores[sid], "summary", sources, read, count_tokens)
        if unit is None or unit.tokens > budget:
            ctx.dropped.append(sid)
            continue
        ctx.units.append(unit)
        budget -= unit.tokens
        ctx.tokens += unit.tokens
        if unit.form == "full":
            shown_full.add(sid)
            if sid not in seed_weights:
                extra_full += 1
    return ctx


def _inside_shown(graph: CodeGraph, sym: Symbol, shown_full: set[str]) -> bool:
    quals = graph.ids_by_qual.get(sym.path, {})
    parent = sym.parent
    while parent:
        if quals.get(parent) in shown_full:
            return True
        parent = parent.rpartition(".")[0]
    return False


def _render(
    graph: CodeGraph,
    sym: Symbol,
    score: float,
    form: str,
    sources: dict[str, bytes | None],
    read: TextReader,
    count_tokens: TokenCounter,
) -> Unit | None:
    if sym.path not in sources:
        sources[sym.path] = read(sym.path)
    src = sources[sym.path]
    rel = os.path.relpath(sym.path, graph.root_of(sym.path))
    header = f"# {rel}:{sym.start[0] + 1}-{sym.end[0] + 1} ({sym.kind} {sym.qualname})"
    if form == "full":
        if src is None or sym.end_byte > len(src):
            return None
        # Start at the line start so the unit keeps its indentation.
        line_start = src.rfind(b"\n", 0, sym.start_byte) + 1
        body = src[line_start : sym.end_byte].decode("utf-8", "replace")
    else:
        indent = " " * sym.start[1]
        body = indent + sym.signature
        if sym.doc:
            first = sym.doc.strip().splitlines()[0] if sym.doc.strip() else ""
            body += f"\n{indent}    # {first}" if first else ""
    text = f"{header}\n{body}"
    return Unit(sym, score, form, text, count_tokens(text))
