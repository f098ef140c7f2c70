"""How right is the Python call graph? Compare our call edges with jedi's goto-definition.

The graph is built for the whole standard library of the running interpreter
(so that calls into other stdlib packages resolve); then, for every call site in
the chosen packages (default: json, http, email; test files excluded), jedi is
asked for the definition of the called name at the same position, and its
answers are mapped onto our symbols by (file, line of the name, name).

Jedi answers outside the graph (builtins, C modules, stubs, modules, params,
variables, instance attributes) cannot judge an edge: they are counted apart.
Over the sites where jedi names at least one definition that is in the graph:

    precision = sum |ours & jedi| / sum |ours|     recall = sum |ours & jedi| / sum |jedi|

for all our targets (resolved and by-name candidates) and for the resolved ones
alone (what the graph would say if it dropped its candidates). Where jedi names
only functions or classes outside the graph (`str.join`, `re.Match.group`), any
edge of ours is wrong: those are reported as "contradicted", and a strict
precision (P*) counts them too. Edges where jedi stops at a param or variable,
or says nothing, are reported as unjudged.

Jedi's inference of parameter types from call sites is off by default: it costs
minutes and, on a sample, changed no answer that is in the graph (--jedi-params).

    python bench/graph_accuracy.py [--packages json http email] [--json OUT] [--cache-dir DIR]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TARGET_PRECISION = 0.9
TARGET_RECALL = 0.8

# -- matching (pure; unit-tested) ---------------------------------------------


# Where jedi's answer at a site points (see `bucket`).
JUDGED = "judged"  # at least one definition that is in the graph
EXTERNAL = "external"  # only functions/classes outside the graph (builtins, C, stubs)
OPAQUE = "opaque"  # only values: params, variables, attributes, modules
NOTHING = "nothing"  # nothing at all, or jedi failed
EXTERNAL_WHERE = ("compiled", "stub", "outside", "typing")


def bucket(jedi_in: set[str], jedi_out: list[str], failed: bool) -> str:
    """The kind of site, from jedi's in-graph targets and the reasons for the others."""
    if jedi_in:
        return JUDGED
    if failed or not jedi_out:
        return NOTHING
    if all(r.split(" ")[0] in EXTERNAL_WHERE and r.endswith(("function", "class")) for r in jedi_out):
        return EXTERNAL
    return OPAQUE


@dataclass
class Tally:
    """Counts over call sites; `add` takes one site's target sets."""

    sites: int = 0
    judgeable: int = 0  # jedi names at least one definition that is in the graph
    jedi_external: int = 0  # jedi names only definitions outside the graph
    jedi_opaque: int = 0  # jedi names only values (params, variables, modules)
    jedi_nothing: int = 0  # jedi names nothing (or failed)
    we_nothing: int = 0  # we have no target at all
    we_nothing_judgeable: int = 0
    # all our targets, over judgeable sites
    ours: int = 0
    jedi: int = 0
    both: int = 0
    exact_sites: int = 0  # judgeable sites where our set equals jedi's
    # our resolved (single, RESOLVED-weight) targets only, over judgeable sites
    resolved_sites: int = 0
    resolved_hits: int = 0
    # our edges where jedi names only outside definitions (`str.join`, `re.Match.group`):
    # jedi says the callee is not in the graph, so these edges are wrong
    contradicted_sites: int = 0
    contradicted_edges: int = 0
    contradicted_resolved: int = 0
    # our edges where jedi names nothing or only values: nobody judges these
    unjudged_sites: int = 0
    unjudged_edges: int = 0
    unjudged_resolved: int = 0

    def add(self, ours: set[str], resolved: str | None, jedi_in: set[str], kind: str) -> str:
        """Count one site of bucket `kind`; returns "agree", "disagree", "contradicted" or "unjudged"."""
        self.sites += 1
        if not ours:
            self.we_nothing += 1
        if kind != JUDGED:
            if kind == EXTERNAL:
                self.jedi_external += 1
            elif kind == OPAQUE:
                self.jedi_opaque += 1
            else:
                self.jedi_nothing += 1
            if not ours:
                return "unjudged"
            if kind == EXTERNAL:
                self.contradicted_sites += 1
                self.contradicted_edges += len(ours)
                self.contradicted_resolved += resolved is not None
                return "contradicted"
            self.unjudged_sites += 1
            self.unjudged_edges += len(ours)
            self.unjudged_resolved += resolved is not None
            return "unjudged"
        self.judgeable += 1
        if not ours:
            self.we_nothing_judgeable += 1
        self.ours += len(ours)
        self.jedi += len(jedi_in)
        self.both += len(ours & jedi_in)
        self.exact_sites += ours == jedi_in
        if resolved is not None:
            self.resolved_sites += 1
            self.resolved_hits += resolved in jedi_in
        return "agree" if ours == jedi_in else "disagree"

    def metrics(self) -> dict[str, float | None]:
        return {
            "precision": _ratio(self.both, self.ours),
            "recall": _ratio(self.both, self.jedi),
            "precision_resolved": _ratio(self.resolved_hits, self.resolved_sites),
            "recall_resolved": _ratio(self.resolved_hits, self.jedi),
            "exact_site_rate": _ratio(self.exact_sites, self.judgeable),
            # counting edges to in-graph code where jedi found the callee outside the graph as wrong
            "precision_strict": _ratio(self.both, self.ours + self.contradicted_edges),
            "precision_resolved_strict": _ratio(self.resolved_hits, self.resolved_sites + self.contradicted_resolved),
        }


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def name_column(line: str, col: int, name: str) -> int:
    """`col` if the called name starts there, else the name's next whole-word occurrence (or `col`)."""
    if line.startswith(name, col):
        return col
    found = re.search(rf"(?<![\w.]){re.escape(name)}\b|(?<=\.){re.escape(name)}\b", line[col:])
    return col + found.start() if found else col


def utf16_to_codepoint(line: str, col16: int) -> int:
    """Code-point column of a UTF-16 column in `line`."""
    units = 0
    for i, ch in enumerate(line):
        if units >= col16:
            return i
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(line)


def disagreement_kind(ours: set[str], resolved: str | None, jedi_in: set[str], recv: str | None) -> str:
    """A coarse label for a disagreement, to group them: what happened x receiver shape."""
    if not jedi_in:
        what = "external-resolved" if resolved is not None else "external-candidates"
    elif not ours:
        what = "we-nothing"
    elif resolved is not None:
        what = "resolved-wrong" if resolved not in jedi_in else "jedi-more"
    elif not ours & jedi_in:
        what = "candidates-miss"
    elif jedi_in <= ours:
        what = "candidates-extra"
    else:
        what = "candidates-partial"
    return f"{what} / {receiver_shape(recv)}"


def receiver_shape(recv: str | None) -> str:
    if recv is None:
        return "bare name"
    if recv in ("self", "cls", "super()", "?"):
        return {"?": "complex expr"}.get(recv, recv)
    head, _, rest = recv.partition(".")
    if head in ("self", "cls"):
        return f"{head}.attr" if "." not in rest else f"{head}.attr.attr"
    return "name" if not rest else "name.attr"


# -- measurement ----------------------------------------------------------------


@dataclass
class Site:
    path: str
    line: int  # 1-based
    col: int  # code points
    name: str
    recv: str | None
    scope: str
    ours: list[str]
    resolved: str | None
    moved: bool = False  # our position was not at the called name; jedi was asked at the name
    jedi_in: list[str] = field(default_factory=list)
    jedi_out: list[str] = field(default_factory=list)  # "<where> <type>" of jedi's other answers
    jedi_out_names: list[str] = field(default_factory=list)  # their full names, for the report
    jedi_failed: bool = False


def build_graph(root: str, cache_dir: str):  # -> CodeGraph
    from smallcode_ls.graph import CodeGraph, IndexOptions, index_workspace

    graph = CodeGraph([root])
    stats = index_workspace(graph, IndexOptions(exclude=["site-packages/"], cache_dir=cache_dir))
    return graph, stats


def collect_sites(graph, root: str, packages: Iterable[str]) -> dict[str, list[Site]]:
    from smallcode_ls.graph.model import RESOLVED
    from smallcode_ls.graph.store import is_test_file

    prefixes = tuple(os.path.join(root, p) + os.sep for p in packages)
    out: dict[str, list[Site]] = {}
    for path in sorted(graph.files):
        if not path.startswith(prefixes) or not path.endswith(".py") or is_test_file(path):
            continue
        fi = graph.files[path]
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        sites = []
        for ref in fi.refs:
            if ref.kind != "call":
                continue
            line0, col16 = ref.start
            text = lines[line0] if line0 < len(lines) else ""
            resolved = ref.targets[0][0] if len(ref.targets) == 1 and ref.targets[0][1] == RESOLVED else None
            col = utf16_to_codepoint(text, col16)
            at_name = name_column(text, col, ref.name)
            sites.append(
                Site(
                    path=path,
                    line=line0 + 1,
                    col=at_name,
                    name=ref.name,
                    recv=ref.recv,
                    scope=ref.scope,
                    ours=sorted({t for t, _ in ref.targets}),
                    resolved=resolved,
                    moved=at_name != col,
                )
            )
        out[path] = sites
    return out


def symbol_index(graph) -> dict[tuple[str, int, str], str]:
    return {(s.path, s.name_start[0] + 1, s.name): sid for sid, s in graph.symbols.items()}


def classify_jedi(name, graph, by_pos: dict[tuple[str, int, str], str]) -> tuple[str | None, str | None]:
    """(symbol id, None) for an in-graph definition, else (None, "<where> <jedi type>").

    <where> is compiled (no source), stub (a typeshed stub of a module we do not
    have, or of a name that module does not define in Python), outside (a file
    not in the graph), typing (a method of a typing protocol class, known only
    from an annotation), graph-stub (a stub of a member of a class we have, that
    we do not have) or graph-file (a graph file, no symbol there). Only the
    first four count as "jedi found the callee outside the graph".
    """
    path = str(name.module_path) if name.module_path is not None else None
    kind = name.type or "unknown"
    if kind in ("statement", "instance"):
        kind = "variable"
    where = "compiled"
    if path is not None and path.endswith(".pyi"):
        # A typeshed stub whose module is Python source in the graph (jedi could
        # not map it back, e.g. an overload): look the same qualname up there.
        sid = _from_stub(name, graph)
        if sid is not None:
            return sid, None
        # re.Pattern.search, os.getpid: declared in a stub of a module we have,
        # but defined in C; only a member of a class we have is left unjudged.
        where = "graph-stub" if _stub_head_in_graph(name, graph) else "stub"
    elif path is not None and path in graph.files:
        if name.module_name == "typing" and (name.full_name or "").count(".") >= 2:
            # typing.IO.write: jedi only knows the object from an annotation (the
            # stub of open() says IO); typing's protocol classes are never the callee.
            return None, f"typing {kind}"
        sid = by_pos.get((path, name.line, name.name)) if name.line is not None else None
        if sid is not None:
            return sid, None
        where = "graph-file"
    elif path is not None:
        where = "outside"
    return None, f"{where} {kind}"


def _from_stub(name, graph) -> str | None:
    module, full = name.module_name, name.full_name
    if not module or not full or not full.startswith(module + "."):
        return None
    qual = full[len(module) + 1 :]
    for mpath in graph.modules.get(module, ()):
        sid = graph.ids_by_qual.get(mpath, {}).get(qual)
        if sid is not None:
            return sid
    # No alias following (typing.MutableMapping -> _collections_abc): jedi says
    # typing.MutableMapping.update for a plain dict, whose update is builtin.
    return None


def _stub_head_in_graph(name, graph) -> bool:
    """Whether the stub's top-level name (`Pattern` of `re.Pattern.search`) is a symbol of a graph module."""
    module, full = name.module_name, name.full_name or ""
    head = full[len(module) + 1 :].split(".")[0] if module and full.startswith(module + ".") else ""
    return any(head in graph.top.get(mpath, {}) for mpath in graph.modules.get(module, ()))


def run_jedi(sites_by_file: dict[str, list[Site]], graph, root: str, params: str, progress: bool) -> None:
    import jedi

    # Inferring a parameter's type from every call of its function is most of
    # jedi's time here (minutes on email/_header_value_parser.py alone).
    jedi.settings.dynamic_params = params != "off"
    jedi.settings.dynamic_params_for_other_modules = params == "project"
    by_pos = symbol_index(graph)
    project = jedi.Project(root)
    env = jedi.InterpreterEnvironment()
    done = 0
    total = sum(len(s) for s in sites_by_file.values())
    started = time.perf_counter()
    for path, sites in sites_by_file.items():
        if not sites:
            continue
        code = Path(path).read_text(encoding="utf-8")
        script = jedi.Script(code, path=path, project=project, environment=env)
        for site in sites:
            try:
                names = script.goto(site.line, site.col, follow_imports=True)
            except Exception as exc:  # a jedi bug must not stop the run
                site.jedi_failed = True
                site.jedi_out.append(f"error {type(exc).__name__}")
                names = []
            inside = set()
            for n in names:
                sid, why = classify_jedi(n, graph, by_pos)
                if sid is not None:
                    inside.add(sid)
                else:
                    site.jedi_out.append(why or "unknown")
                    site.jedi_out_names.append(n.full_name or n.name)
            site.jedi_in = sorted(inside)
        done += len(sites)
        if progress:
            rel = os.path.relpath(path, root)
            print(f"  jedi {done}/{total} {time.perf_counter() - started:6.1f}s {rel}", file=sys.stderr, flush=True)


def git_commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def git_dirty() -> bool:
    try:
        cmd = ["git", "status", "--porcelain", "--", "smallcode_ls"]
        out = subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
        return bool(out.stdout.strip())
    except OSError:
        return False


def describe(graph, sid: str, root: str) -> str:
    sym = graph.symbols.get(sid)
    if sym is None:
        return sid
    return f"{os.path.relpath(sym.path, root)}:{sym.name_start[0] + 1} {sym.qualname}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--packages", nargs="+", default=["json", "http", "email"])
    ap.add_argument("--json", dest="json_out", help="write all counts here")
    ap.add_argument("--cache-dir", help="index cache dir (default: a fresh temp dir)")
    ap.add_argument(
        "--jedi-params",
        choices=["off", "module", "project"],
        default="off",
        help="jedi's inference of parameter types from the function's call sites: off (default), from calls"
        " in the same module (~75x slower on email/_header_value_parser.py, ~5 min in all), or anywhere in the"
        " stdlib (slower still); on a sample it changed no in-graph answer",
    )
    ap.add_argument("--examples", type=int, default=3, help="examples printed per disagreement kind")
    ap.add_argument("--quiet", action="store_true", help="no progress on stderr")
    args = ap.parse_args(argv)

    import jedi

    root = sysconfig.get_paths()["stdlib"]
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="graph-accuracy-") as tmp:
        graph, stats = build_graph(root, args.cache_dir or tmp)
    t_index = time.perf_counter() - t0
    sites_by_file = collect_sites(graph, root, args.packages)
    t1 = time.perf_counter()
    run_jedi(sites_by_file, graph, root, args.jedi_params, not args.quiet)
    t_jedi = time.perf_counter() - t1

    overall = Tally()
    per_package: dict[str, Tally] = {p: Tally() for p in args.packages}
    kinds: Counter[str] = Counter()
    examples: dict[str, list[Site]] = {}
    outside: Counter[str] = Counter()
    records = []
    for path, sites in sites_by_file.items():
        package = os.path.relpath(path, root).split(os.sep)[0]
        for s in sites:
            ours, jin = set(s.ours), set(s.jedi_in)
            kind = bucket(jin, s.jedi_out, s.jedi_failed)
            verdict = overall.add(ours, s.resolved, jin, kind)
            per_package[package].add(ours, s.resolved, jin, kind)
            outside.update(set(s.jedi_out))
            label = ""
            if verdict in ("disagree", "contradicted"):
                label = disagreement_kind(ours, s.resolved, jin, s.recv)
                kinds[label] += 1
                examples.setdefault(label, []).append(s)
            records.append(
                {
                    "site": f"{os.path.relpath(s.path, root)}:{s.line}:{s.col + 1}",
                    "name": s.name,
                    "recv": s.recv,
                    "scope": s.scope,
                    "moved": s.moved,
                    "bucket": kind,
                    "verdict": verdict,
                    "kind": label,
                    "ours": s.ours,
                    "resolved": s.resolved,
                    "jedi": s.jedi_in,
                    "jedi_outside": [f"{n} ({r})" for n, r in zip(s.jedi_out_names, s.jedi_out, strict=False)],
                }
            )

    def fmt(x: float | None) -> str:
        return "  n/a" if x is None else f"{x:.3f}"

    print(f"graph: {stats.files} files indexed in {t_index:.1f}s; jedi {jedi.__version__}: {t_jedi:.1f}s")
    print()
    header = f"{'package':<9}{'sites':>6}{'judged':>7}{'j-ext':>6}{'j-val':>6}{'j-none':>7}{'we-none':>8}"
    header += f"{'P':>7}{'R':>7}{'P res':>7}{'R res':>7}{'exact':>7}{'P*':>7}{'P* res':>7}"
    header += f"{'contra':>10}{'unjudged':>11}"
    print(header)
    for name, t in [*per_package.items(), ("ALL", overall)]:
        m = t.metrics()
        print(
            f"{name:<9}{t.sites:>6}{t.judgeable:>7}{t.jedi_external:>6}{t.jedi_opaque:>6}{t.jedi_nothing:>7}"
            f"{t.we_nothing:>8}"
            + "".join(
                f"{fmt(m[k]):>7}"
                for k in (
                    "precision",
                    "recall",
                    "precision_resolved",
                    "recall_resolved",
                    "exact_site_rate",
                    "precision_strict",
                    "precision_resolved_strict",
                )
            )
            + f"{t.contradicted_edges:>5} @{t.contradicted_sites:<4}{t.unjudged_edges:>5} @{t.unjudged_sites:<4}"
        )
    m = overall.metrics()
    ok_p = (m["precision"] or 0) >= TARGET_PRECISION
    ok_r = (m["recall"] or 0) >= TARGET_RECALL
    print()
    print(
        f"targets (all edges): precision >= {TARGET_PRECISION} {'met' if ok_p else 'MISSED'}, "
        f"recall >= {TARGET_RECALL} {'met' if ok_r else 'MISSED'}"
    )
    print(
        "sites: judged = jedi names a definition in the graph (P/R are over these); j-ext = jedi names only\n"
        "  functions/classes outside it (builtins, C, stubs); j-val = only params/variables/modules; j-none =\n"
        "  nothing; we-none = we have no target. P res/R res = our resolved edges alone. exact = share of\n"
        "  judged sites where our set equals jedi's. contra = our edges (@ sites) at j-ext sites, which jedi\n"
        "  contradicts; P* counts them as wrong. unjudged = our edges (@ sites) at j-val/j-none sites."
    )
    print("jedi answers outside the graph:", ", ".join(f"{k} {v}" for k, v in outside.most_common()))
    moved = [s for sites in sites_by_file.values() for s in sites if s.moved]
    if moved:
        shown = ", ".join(f"{os.path.relpath(s.path, root)}:{s.line}" for s in moved[:3])
        print(f"{len(moved)} call refs do not start at the called name (jedi asked at the name): {shown}")
    print()
    print("disagreements by kind (what / receiver shape):")
    for label, n in kinds.most_common():
        print(f"  {n:5d}  {label}")
    lines_of: dict[str, list[str]] = {}
    for label, _ in kinds.most_common():
        print(f"\n== {label}")
        for s in examples[label][: args.examples]:
            text = lines_of.setdefault(s.path, Path(s.path).read_text(encoding="utf-8").splitlines())
            print(f"  {os.path.relpath(s.path, root)}:{s.line}  {text[s.line - 1].strip()[:100]}")
            print(f"      ours: {[describe(graph, t, root) for t in s.ours] or '-'}")
            print(f"      jedi: {[describe(graph, t, root) for t in s.jedi_in] or s.jedi_out_names}")

    if args.json_out:
        report = {
            "command": " ".join(["python", os.path.relpath(os.path.abspath(sys.argv[0]), REPO), *sys.argv[1:]]),
            "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "python": platform.python_version(),
            "stdlib": root,
            "jedi": jedi.__version__,
            "jedi_params": args.jedi_params,
            "smallcode_commit": git_commit(),
            "smallcode_worktree_dirty": git_dirty(),
            "packages": args.packages,
            "seconds": {"index": round(t_index, 2), "jedi": round(t_jedi, 2)},
            "graph_files": stats.files,
            "targets": {"precision": TARGET_PRECISION, "recall": TARGET_RECALL},
            "overall": {**asdict(overall), **overall.metrics()},
            "per_package": {p: {**asdict(t), **t.metrics()} for p, t in per_package.items()},
            "jedi_outside_reasons": dict(outside.most_common()),
            "refs_not_at_name": sum(s.moved for sites in sites_by_file.values() for s in sites),
            "disagreement_kinds": dict(kinds.most_common()),
            "sites": records,
        }
        Path(args.json_out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json_out).write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json_out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
