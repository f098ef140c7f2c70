"""What an ask answer is built from besides the model's prose: call-graph facts for the
prompt, the call graph and locations for the reader, and the check for invented names.

A small model reading several files rarely lists a call chain right or says where a
symbol is defined, but it restates facts well; and what it leaves out of its prose the
index still knows. These helpers read only the graph and the workspace.
"""

from __future__ import annotations

import re
import sys

from ..graph.model import Symbol
from ..graph.store import CodeGraph
from ..workspace import Workspace, WorkspaceError
from .harness_fixes import IDENT
from .units import spec_for

FACTS_PER_LIST = 8
# A module-level constant with its value, Python or JS/TS (`export const MAX_LEN: number = 20`).
TOP_CONSTANT = re.compile(r"^(?:export\s+)?(?:(?:const|let|var)\s+)?([A-Z][A-Z0-9_]+)\s*(?::[^=\n]+)?=(?!=)\s*(\S.*)$")
CONSTANT_CHARS = 80
CHAIN_NEIGHBOURS = 3  # callees and callers of the asked symbol whose own calls the facts follow
LEFT_OUT_MAX = 5  # names the facts give and the answer leaves out, asked about in one more round
TOPICS = 2  # functions the question's words name besides the asked symbol, whose calls the facts give too
TOPIC_NEIGHBOURS = 1  # of each such function's callers, and of its callees, asked about when left out
# Stems of question words that name no code: "what happens when ... does".
_QUESTION_STEMS = frozenset({"what", "when", "wher", "whic", "does", "happ", "that", "this", "with", "from", "into"})
# `self.x = ...`, `self.x += 1`, `this.count = 0`: an attribute written; a use not followed by `(`: read.
ATTRIBUTE_WRITE = re.compile(r"\b(?:self|this)\.(\w+)\s*(?://|\*\*|>>|<<|[-+*/%|&^@])?=(?!=)")
ATTRIBUTE_USE = re.compile(r"\b(?:self|this)\.(\w+)\b(?!\s*\()")
CONSTRUCTORS = frozenset({"__init__", "__post_init__", "constructor"})
_FILE_EXTENSIONS = frozenset({"py", "pyi", "js", "mjs", "cjs", "ts", "tsx", "go", "md", "toml", "json", "txt", "cfg"})

Link = tuple[Symbol, str, list[Symbol]]


class AskFacts:
    def __init__(self, graph: CodeGraph, ws: Workspace) -> None:
        self.graph = graph
        self.ws = ws

    def with_locations(self, answer: str) -> str:
        """The answer with `path:line` after the first mention of each symbol it names in backticks
        that the graph knows exactly one of, where the model gave none: asked to cite locations, a
        small model names `backoff_delay` and leaves out where it is."""
        done: set[str] = set()

        def locate(match: re.Match[str]) -> str:
            name = match.group(1)
            following = match.string[match.end() : match.end() + 60]
            if name in done or re.match(r"\s*(?:\(|(?:in|at)\s+`?[\w./-]+\.\w+|:\d)", following):
                return match.group(0)
            done.add(name)
            found = [s for s in self.graph.find(name) if s.qualname == name or s.name == name]
            if len({(s.path, s.start) for s in found}) != 1:
                return match.group(0)
            return f"{match.group(0)} ({self._where(found[0])})"

        pieces = re.split(r"(```.*?```)", answer, flags=re.S)  # code blocks stay as written
        return "".join(
            piece
            if piece.startswith("```")
            else self._with_names(re.sub(r"`([A-Za-z_][\w.]*)(?:\(\))?`", locate, piece))
            for piece in pieces
        )

    def _with_names(self, prose: str) -> str:
        """The prose with the symbol's name after a bare `path:line` it cites: a small model asked to
        cite locations often gives "checked in importer/reader.py:52" and leaves out which function
        that is. A line inside a definition gets "in `name`"; one the prose already names is left."""

        def name(match: re.Match[str]) -> str:
            try:
                path = self.ws.resolve(match.group(1))
                lines = self.ws.read(path).split("\n")
            except (WorkspaceError, OSError, UnicodeDecodeError):
                return match.group(0)
            line = int(match.group(2)) - 1
            if not 0 <= line < len(lines) or match.string[match.end() : match.end() + 2].lstrip().startswith("("):
                return match.group(0)
            column = len(lines[line]) - len(lines[line].lstrip())
            sym = self.graph.symbol_at(path, line, column)
            before = match.string[max(0, match.start() - 80) : match.start()]
            if sym is None or re.search(rf"\b{re.escape(sym.name)}\b", before):
                return match.group(0)
            inside = "" if sym.start[0] == line else "in "
            return f"{match.group(0)} ({inside}`{sym.qualname}`)"

        return re.sub(r"(?<![\w/.-])([\w./-]+\.(?:py|pyi|js|mjs|cjs|jsx|ts|tsx|go)):(\d+)(?:-\d+)?\b", name, prose)

    def call_graph(self, seed_ids: list[str], question: str = "") -> list[Link]:
        """(symbol, "calls" or "is called by", the others by location) for the asked symbols (at
        most two), then one step further along the chain from a few of their callees and callers,
        those the question's words name first ("how wide each column is": `_column_widths`): "who
        uses it" is often answered by the caller's caller. A call pinned by name alone counts
        when that name has one definition the caller could mean: `entry.is_stale()` on an untyped
        local is how a method is usually reached."""
        links: list[Link] = []
        seen: set[str] = set()
        for sid in seed_ids[:2]:
            sym = self.graph.get(sid)
            if sym is None:
                continue
            seen.add(sym.id)
            for label in ("calls", "is called by"):
                named = self._linked(sym, label)
                links.append((sym, label, named))
                seen.update(o.id for o in named)
        stems = _stems(question)
        for _, label, named in list(links):
            functions = [o for o in named if o.kind in ("function", "method")]
            for other in sorted(functions, key=lambda o: -_words_named(o, stems))[:CHAIN_NEIGHBOURS]:
                further = [o for o in self._linked(other, label) if o.id not in seen]
                links.append((other, label, further))
                seen.update(o.id for o in further)
        links = [link for link in links if link[2]]
        subjects = {sym.id for sym, _, _ in links}
        for topic in self.question_symbols(seed_ids, question):
            if topic.id in subjects:
                continue
            for label in ("calls", "is called by"):
                named = [o for o in self._linked(topic, label) if o.id != topic.id and o.id not in seed_ids]
                if named:
                    links.append((topic, label, named))
        return links

    def question_symbols(self, seed_ids: list[str], question: str) -> list[Symbol]:
        """Functions the question's words name besides the asked symbol, in its file and the files its
        calls reach (at most TOPICS): "what does `Inventory.restock` do, and where is low stock
        reported?" is also about `check_low_stock`, which `restock` never calls."""
        seeds = self._seeds(seed_ids)
        stems = _question_stems(seeds, question)
        if not seeds or not stems:
            return []
        files = dict.fromkeys(sym.path for sym in seeds)
        for sym in seeds:
            for label in ("calls", "is called by"):
                files.update(dict.fromkeys(o.path for o in self._linked(sym, label)))
        ids = {sym.id for sym in seeds}
        found = [
            sym
            for path in files
            if not self.graph.is_test_file(path)
            for sym in sorted(self.graph.file_symbols(path), key=lambda s: s.start)
            if sym.kind in ("function", "method") and sym.id not in ids and _words_named(sym, stems)
        ]
        return sorted(found, key=lambda sym: -_words_named(sym, stems))[:TOPICS]

    def _linked(self, sym: Symbol, label: str) -> list[Symbol]:
        sites = self.graph.callees(sym.id) if label == "calls" else self.graph.callers(sym.id)
        named = [s.symbol for s in sites if s.symbol is not None and (s.resolved or s.only_candidate)]
        return sorted(named, key=lambda other: (other.path, other.start))

    def graph_facts(self, links: list[Link], seed_ids: list[str]) -> str:
        """The call graph as facts for the prompt: a small model reading several files rarely lists a
        call chain right, but it restates one well."""
        lines: list[str] = []
        for sid in seed_ids[:2]:
            sym = self.graph.get(sid)
            if sym is not None:
                lines.append(f"- `{sym.qualname}` is defined at {self._where(sym)}.")
        for sym, label, named in links:
            lines.append(f"- `{sym.qualname}` {label}: {self._listed(named)}.")
        for sym in self._seeds(seed_ids):
            constants = self._constants_used(sym)
            if constants:
                lines.append(f"- `{sym.qualname}` uses the constants: " + ", ".join(c for _, c in constants) + ".")
            for attribute, writer in self.attribute_writers(sym):
                where = self._where(writer)
                lines.append(f"- `{sym.qualname}` reads `{attribute}`, which `{writer.qualname}` ({where}) changes.")
        return "Facts from the code graph:\n" + "\n".join(lines) if lines else ""

    def _seeds(self, seed_ids: list[str]) -> list[Symbol]:
        return [sym for sid in seed_ids[:2] if (sym := self.graph.get(sid)) is not None]

    def attribute_writers(self, sym: Symbol) -> list[tuple[str, Symbol]]:
        """(`self.x`, method) for each attribute a method reads and does not set itself that another
        method of its class (not the constructor) sets: asked how `Cache.get` decides an entry is
        stale, half the answer is `invalidate_all`, which bumps the `generation` that `get` passes
        on; no call links the two."""
        if sym.kind != "method" or not sym.parent:
            return []
        own = self._source(sym)
        read = set(ATTRIBUTE_USE.findall(own)) - set(ATTRIBUTE_WRITE.findall(own))
        spec = spec_for(sym.path)
        prefix = "self" if spec is not None and spec.name == "python" else "this"
        found = []
        for other in self.graph.file_symbols(sym.path):
            if other.parent != sym.parent or other.kind != "method" or other.id == sym.id:
                continue
            if other.name in CONSTRUCTORS:
                continue
            for attribute in sorted(read & set(ATTRIBUTE_WRITE.findall(self._source(other)))):
                found.append((f"{prefix}.{attribute}", other))
        return found[:FACTS_PER_LIST]

    def _source(self, sym: Symbol) -> str:
        try:
            lines = self.ws.read(sym.path).split("\n")
        except (WorkspaceError, OSError, UnicodeDecodeError):
            return ""
        return "\n".join(lines[sym.start[0] : sym.end[0] + 1])

    def left_out(self, answer: str, links: list[Link], seed_ids: list[str], question: str) -> list[tuple[str, str]]:
        """(name, what it has to do with the question) for code the facts give and the answer does not
        name, at most LEFT_OUT_MAX, in this order: the asked symbols and what the question's words
        name, the first caller of each named function, then its first callee, what the asked symbols
        call, the methods that set what they read, the constants they use, and last what calls them.
        A small model restates some of the facts and drops the rest; these are asked about once
        more. Tests are not asked about."""
        seeds = self._seeds(seed_ids)
        seed_set = {sym.id for sym in seeds}
        topics = {sym.id for sym in self.question_symbols(seed_ids, question)}
        stems = _question_stems(seeds, question)
        found: list[tuple[int, str, str]] = [(0, s.qualname, f"the code asked about ({self._where(s)})") for s in seeds]
        for sym, label, named in links:
            if sym.id in topics:
                found.append((0, sym.qualname, f"{self._where(sym)}; the question's words name it"))
                # Its first caller or callee only: a helper called from every method of its class
                # would crowd out what the asked symbol itself calls.
                named = named[:TOPIC_NEIGHBOURS]
            for other in named:
                if self.graph.is_test_file(other.path):
                    continue
                how = f"`{sym.qualname}` calls it" if label == "calls" else f"it calls `{sym.qualname}`"
                if _words_named(other, stems) and (sym.id in seed_set or sym.id in topics):
                    rank = 0
                elif sym.id in topics:
                    rank = 1 if label == "is called by" else 2  # where it happens, then how
                elif sym.id in seed_set:
                    rank = 2 if label == "calls" else 3
                elif _words_named(other, stems):
                    rank = 1  # further along the chain, what the question names
                else:
                    continue
                found.append((rank, other.qualname, f"{self._where(other)}; {how}"))
        for sym in seeds:
            for attribute, writer in self.attribute_writers(sym):
                why = f"{self._where(writer)}; it changes `{attribute}`, which `{sym.qualname}` reads"
                found.append((2, writer.qualname, why))
            for name, shown in self._constants_used(sym):
                found.append((2, name, f"a constant `{sym.qualname}` uses: {shown}"))
        left: dict[str, str] = {}
        for _, name, why in sorted(found, key=lambda item: item[0]):
            if name not in left and not _mentioned(answer, name):
                left[name] = why
        return list(left.items())[:LEFT_OUT_MAX]

    def _constants_used(self, sym: Symbol) -> list[tuple[str, str]]:
        """`NAME = value` (path:line) for each module-level constant of the symbol's file that its
        code uses, the value cut at CONSTANT_CHARS: asked what a function enforces, a small model
        otherwise makes up the limits (constants are not graph symbols, so they are not in its
        context)."""
        try:
            lines = self.ws.read(sym.path).split("\n")
        except (OSError, UnicodeDecodeError):
            return []
        body = "\n".join(lines[sym.start[0] : sym.end[0] + 1])
        used = set(re.findall(r"\b[A-Z][A-Z0-9_]+\b", body))
        found = []
        for number, line in enumerate(lines):
            match = TOP_CONSTANT.match(line)
            if match is None or match.group(1) not in used or sym.start[0] <= number <= sym.end[0]:
                continue
            value = match.group(2).strip().rstrip(";")
            value = value if len(value) <= CONSTANT_CHARS else value[: CONSTANT_CHARS - 3].rstrip() + "..."
            found.append((match.group(1), f"`{match.group(1)} = {value}` ({self.ws.relative(sym.path)}:{number + 1})"))
            used.discard(match.group(1))
        return found[:FACTS_PER_LIST]

    def call_graph_section(self, links: list[Link]) -> str:
        """The same call graph for the reader, under the answer: whatever the model left out of its
        prose, who calls the symbol and what it calls are facts the index has, with their locations."""
        lines = [f"- `{s.qualname}` ({self._where(s)}) {label} {self._listed(named)}." for s, label, named in links]
        return "\n\nCall graph:\n" + "\n".join(lines) if lines else ""

    def _listed(self, named: list[Symbol]) -> str:
        listed = ", ".join(f"`{o.qualname}` ({self._where(o)})" for o in named[:FACTS_PER_LIST])
        more = f" and {len(named) - FACTS_PER_LIST} more" if len(named) > FACTS_PER_LIST else ""
        return listed + more

    def _where(self, sym: Symbol) -> str:
        return f"{self.ws.relative(sym.path)}:{sym.start[0] + 1}"

    def invented_names(self, answer: str, shown: str) -> set[str]:
        """Code-like names in the answer (in backticks, or called) that exist neither in the code shown
        nor anywhere in the workspace."""
        candidates = set(re.findall(r"`([A-Za-z_][\w.]*)(?:\(\))?`", answer))
        candidates |= set(re.findall(r"\b([A-Za-z_]\w*)\(\)", answer))
        known_words = set(IDENT.findall(shown))
        invented = set()
        for name in candidates:
            parts = [p for p in name.split(".") if p]
            if not parts or all(p in known_words for p in parts):
                continue
            if len(parts) == 2 and parts[1] in _FILE_EXTENSIONS:
                continue  # `quote.py`: a file name
            last = parts[-1]
            if self.graph.find(last) or last in dir(__builtins__) or last in sys.stdlib_module_names:
                continue
            invented.add(name)
        return invented


def _stems(question: str) -> set[str]:
    return {w[:4] for w in re.findall(r"[a-z]{4,}", question.lower())}


def _question_stems(seeds: list[Symbol], question: str) -> set[str]:
    """The question's words that may name other code: not the asked symbol's own ("inventory" in a
    question about `Inventory.restock`), not "what", "where", "does"."""
    own = {part.lower()[:4] for sym in seeds for part in _name_parts(sym.qualname)}
    return _stems(question) - own - _QUESTION_STEMS


def _name_parts(name: str) -> list[str]:
    return re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])", name)


def _words_named(sym: Symbol, stems: set[str]) -> int:
    """How many words of the symbol's name the question uses (`_column_widths`: "how wide each column is")."""
    return sum(1 for part in _name_parts(sym.name) if len(part) >= 4 and part.lower()[:4] in stems)


def _mentioned(answer: str, name: str) -> bool:
    """Whether the answer names `name`: whole, or its last part as code (in backticks, or called);
    a method's bare name in prose is a word ("`remove`" is the method, "remove" may be English)."""
    last = re.escape(name.rpartition(".")[2])
    if name in answer and (name.isupper() or "." in name or "_" in name):
        return True
    return re.search(rf"`[\w.]*\b{last}\b(?:\(\))?`|\b{last}\(", answer) is not None


NO_ANSWER = "The code shown does not answer this question."


def drop_sentences_with(answer: str, names: set[str], empty: str = NO_ANSWER) -> str:
    """The answer without the sentences that name an invented name (`empty` when none is left)."""
    parts = re.split(r"(?<=[.!?])\s+", answer)
    kept = [p for p in parts if not any(n in p for n in names)]
    return " ".join(kept) if kept else empty
