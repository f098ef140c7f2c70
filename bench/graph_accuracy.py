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
alone (what the graph would say if it dropped its candidates).

    python bench/graph_accuracy.py [--packages json http email] [--json OUT] [--cache-dir DIR]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
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


@dataclass
class Tally:
    """Counts over call sites; `add` takes one site's target sets."""

    sites: int = 0
    judgeable: int = 0  # jedi names at least one definition that is in the graph
    jedi_outside: int = 0  # jedi names definitions, none of them in the graph
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
    resolved_both: int = 0  # == resolved_hits; kept apart for clarity of the recall formula
    # what jedi cannot judge: our edges at sites without an in-graph jedi answer
    unjudged_sites_with_ours: int = 0
    unjudged_edges: int = 0
    unjudged_resolved_edges: int = 0

    def add(self, ours: set[str], resolved: str | None, jedi_in: set[str], jedi_out: int, jedi_failed: bool) -> str:
        """Count one site; returns its verdict ("agree", "disagree", "unjudged")."""
        self.sites += 1
        if not ours:
            self.we_nothing += 1
        if not jedi_in:
            if jedi_out and not jedi_failed:
                self.jedi_outside += 1
            else:
                self.jedi_nothing += 1
            if ours:
                self.unjudged_sites_with_ours += 1
                self.unjudged_edges += len(ours)
                self.unjudged_resolved_edges += resolved is not None
            return "unjudged"
        self.judgeable += 1
        if not ours:
            self.we_nothing_judgeable += 1
        hit = ours & jedi_in
        self.ours += len(ours)
        self.jedi += len(jedi_in)
        self.both += len(hit)
        self.exact_sites += ours == jedi_in
        if resolved is not None:
            self.resolved_sites += 1
            if resolved in jedi_in:
                self.resolved_hits += 1
                self.resolved_both += 1
        return "agree" if ours == jedi_in else "disagree"

    def metrics(self) -> dict[str, float | None]:
        return {
            "precision": _ratio(self.both, self.ours),
            "recall": _ratio(self.both, self.jedi),
            "precision_resolved": _ratio(self.resolved_hits, self.resolved_sites),
            "recall_resolved": _ratio(self.resolved_both, self.jedi),
            "exact_site_rate": _ratio(self.exact_sites, self.judgeable),
        }


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


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
    if not ours:
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
    jedi_in: list[str] = field(default_factory=list)
    jedi_out: list[str] = field(default_factory=list)  # reasons
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
            sites.append(
                Site(
                    path=path,
                    line=line0 + 1,
                    col=utf16_to_codepoint(text, col16),
                    name=ref.name,
                    recv=ref.recv,
                    scope=ref.scope,
                    ours=sorted({t for t, _ in ref.targets}),
                    resolved=resolved,
                )
            )
        out[path] = sites
    return out


def symbol_index(graph) -> dict[tuple[str, int, str], str]:
    return {(s.path, s.name_start[0] + 1, s.name): sid for sid, s in graph.symbols.items()}


def classify_jedi(name, graph, by_pos: dict[tuple[str, int, str], str]) -> tuple[str | None, str | None]:
    """(symbol id, None) for an in-graph definition, else (None, why it is outside)."""
    path = str(name.module_path) if name.module_path is not None else None
    kind = name.type
    if path is None:
        return None, "builtin/compiled"
    if path.endswith(".pyi"):
        # A typeshed stub whose module is Python source in the graph (jedi could
        # not map it back, e.g. an overload): look the same qualname up there.
        sid = _from_stub(name, graph)
        return (sid, None) if sid is not None else (None, "stub (.pyi)")
    if path not in graph.files:
        return None, "file outside graph"
    sid = by_pos.get((path, name.line, name.name)) if name.line is not None else None
    if sid is not None:
        return sid, None
    if kind == "module":
        return None, "module"
    if kind == "param":
        return None, "param"
    if kind in ("statement", "instance"):
        return None, "variable/attribute"
    if kind in ("function", "class"):
        return None, f"{kind} not in graph"
    return None, kind or "unknown"


def _from_stub(name, graph) -> str | None:
    module, full = name.module_name, name.full_name
    if not module or not full or not full.startswith(module + "."):
        return None
    qual = full[len(module) + 1 :]
    for mpath in graph.modules.get(module, ()):
        sid = graph.ids_by_qual.get(mpath, {}).get(qual)
        if sid is not None:
            return sid
    return None


def run_jedi(sites_by_file: dict[str, list[Site]], graph, root: str, project_params: bool, progress: bool) -> None:
    import jedi

    jedi.settings.dynamic_params_for_other_modules = project_params
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
                site.jedi_out.append(f"jedi error: {type(exc).__name__}")
                names = []
            inside = set()
            for n in names:
                sid, why = classify_jedi(n, graph, by_pos)
                if sid is not None:
                    inside.add(sid)
                else:
                    site.jedi_out.append(why or "unknown")
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
        "--jedi-project-params",
        action="store_true",
        help="let jedi infer parameter types from calls in other modules (slower, ~10x; default: same module only)",
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
    run_jedi(sites_by_file, graph, root, args.jedi_project_params, not args.quiet)
    t_jedi = time.perf_counter() - t1

    overall = Tally()
    per_package: dict[str, Tally] = {p: Tally() for p in args.packages}
    kinds: Counter[str] = Counter()
    examples: dict[str, list[Site]] = {}
    outside: Counter[str] = Counter()
    for path, sites in sites_by_file.items():
        package = os.path.relpath(path, root).split(os.sep)[0]
        for s in sites:
            ours, jin = set(s.ours), set(s.jedi_in)
            verdict = overall.add(ours, s.resolved, jin, len(s.jedi_out), s.jedi_failed)
            per_package[package].add(ours, s.resolved, jin, len(s.jedi_out), s.jedi_failed)
            outside.update(set(s.jedi_out))
            if verdict == "disagree":
                kind = disagreement_kind(ours, s.resolved, jin, s.recv)
                kinds[kind] += 1
                examples.setdefault(kind, []).append(s)

    def fmt(x: float | None) -> str:
        return "  n/a" if x is None else f"{x:.3f}"

    print(f"graph: {stats.files} files indexed in {t_index:.1f}s; jedi {jedi.__version__}: {t_jedi:.1f}s")
    print()
    header = f"{'package':<10}{'sites':>7}{'judged':>8}{'j-out':>7}{'j-none':>8}{'we-none':>9}"
    header += f"{'P all':>8}{'R all':>8}{'P res':>8}{'R res':>8}{'exact':>8}{'unjudged ours':>15}"
    print(header)
    for name, t in [*per_package.items(), ("ALL", overall)]:
        m = t.metrics()
        print(
            f"{name:<10}{t.sites:>7}{t.judgeable:>8}{t.jedi_outside:>7}{t.jedi_nothing:>8}{t.we_nothing:>9}"
            f"{fmt(m['precision']):>8}{fmt(m['recall']):>8}{fmt(m['precision_resolved']):>8}"
            f"{fmt(m['recall_resolved']):>8}{fmt(m['exact_site_rate']):>8}"
            f"{t.unjudged_edges:>8} @{t.unjudged_sites_with_ours:<5}"
        )
    m = overall.metrics()
    ok_p = (m["precision"] or 0) >= TARGET_PRECISION
    ok_r = (m["recall"] or 0) >= TARGET_RECALL
    print()
    print(
        f"targets: precision >= {TARGET_PRECISION} {'met' if ok_p else 'MISSED'}, "
        f"recall >= {TARGET_RECALL} {'met' if ok_r else 'MISSED'} (all edges)"
    )
    print(
        "columns: judged = jedi names an in-graph definition; j-out = jedi names only things outside the graph;\n"
        "  j-none = jedi names nothing; we-none = we have no target;\n"
        "  unjudged ours = our edges (@ sites) where jedi names nothing in the graph"
    )
    print("jedi answers outside the graph:", ", ".join(f"{k} {v}" for k, v in outside.most_common()))
    print()
    print("disagreements by kind (what / receiver shape):")
    for kind, n in kinds.most_common():
        print(f"  {n:5d}  {kind}")
    for kind, _ in kinds.most_common():
        print(f"\n== {kind}")
        for s in examples[kind][: args.examples]:
            src = Path(s.path).read_text(encoding="utf-8").splitlines()[s.line - 1].strip()
            print(f"  {os.path.relpath(s.path, root)}:{s.line}  {src[:100]}")
            print(f"      ours: {[describe(graph, t, root) for t in s.ours] or '-'}")
            print(f"      jedi: {[describe(graph, t, root) for t in s.jedi_in]}")

    if args.json_out:
        report = {
            "command": " ".join([os.path.relpath(sys.argv[0], REPO) if sys.argv[0] else "", *sys.argv[1:]]).strip(),
            "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "python": platform.python_version(),
            "stdlib": root,
            "jedi": jedi.__version__,
            "jedi_project_params": args.jedi_project_params,
            "smallcode_commit": git_commit(),
            "smallcode_worktree_dirty": git_dirty(),
            "packages": args.packages,
            "seconds": {"index": round(t_index, 2), "jedi": round(t_jedi, 2)},
            "graph_files": stats.files,
            "targets": {"precision": TARGET_PRECISION, "recall": TARGET_RECALL},
            "overall": {**asdict(overall), **overall.metrics()},
            "per_package": {p: {**asdict(t), **t.metrics()} for p, t in per_package.items()},
            "jedi_outside_reasons": dict(outside.most_common()),
            "disagreement_kinds": dict(kinds.most_common()),
            "disagreements": [
                {
                    "site": f"{os.path.relpath(s.path, root)}:{s.line}:{s.col + 1}",
                    "name": s.name,
                    "recv": s.recv,
                    "kind": kind,
                    "ours": s.ours,
                    "resolved": s.resolved,
                    "jedi": s.jedi_in,
                }
                for kind, ss in examples.items()
                for s in ss
            ],
        }
        Path(args.json_out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json_out).write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
        print(f"\nwrote {args.json_out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
