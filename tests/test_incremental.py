"""Property: editing documents incrementally gives the graph a full re-index gives.

tree-sitter's error recovery may build a different tree for broken text when it
re-parses incrementally than when it parses from scratch, so the reference
index is built from the same trees; a separate check compares against a fresh
parse whenever the final text is free of syntax errors.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smallcode_ls.graph.documents import Documents, TextChange
from smallcode_ls.graph.extract import extract_file
from smallcode_ls.graph.languages import language_for
from smallcode_ls.graph.store import CodeGraph

FILES = {
    "pkg/__init__.py": "from .shapes import Shape, Square\n",
    "pkg/shapes.py": '''"""Shapes."""
import math


class Shape:
    """Base shape."""

    def area(self):
        return 0.0

    def describe(self):
        return f"{self.name()} with area {self.area()}"

    def name(self):
        return "shape"


class Square(Shape):
    def __init__(self, side):
        self.side = side

    def area(self):
        return self.side * self.side

    def name(self):
        return "square"


def unit_circle_area():
    return math.pi * 1.0  # é ü 💡
''',
    "pkg/report.py": """from .shapes import Square, Shape
from . import shapes
from .shapes import unit_circle_area as circle


def total_area(items):
    return sum(item.area() for item in items)


def make_report(n):
    squares = [Square(i) for i in range(n)]
    s = Square(2)
    s.describe()
    return total_area(squares) + shapes.unit_circle_area() + circle()


class Report:
    def __init__(self):
        self.shape = Shape()

    def run(self):
        return self.shape.describe() + make_report(3)
""",
    "tests/test_report.py": """from pkg.report import make_report, total_area


def test_make_report():
    assert make_report(2) > 0


def test_total():
    assert total_area([]) == 0
""",
    "web/app.js": """import { helper } from "./util.js";

export class App {
  start() {
    return this.render() + helper(1);
  }
  render() {
    return "ok";
  }
}

const boot = () => new App().start();
""",
    "web/util.js": """export function helper(x) {
  return x + 1;
}
""",
    "go/main.go": """package main

// Thing is a thing.
type Thing struct{ n int }

func (t *Thing) Inc() int { t.n++; return t.helper() }

func (t *Thing) helper() int { return t.n }

func main() { t := &Thing{}; t.Inc(); run() }
""",
    "go/run.go": """package main

func run() int { return 1 }
""",
}

ALPHABET = "abcxyz_ ().:,\n\t\"'#{}=é💡"


def _workspace(tmp: Path) -> dict[str, str]:
    paths = {}
    for rel, text in FILES.items():
        path = tmp / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths[rel] = str(path)
    return paths


def _position(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    line = before.count("\n")
    col_text = before[before.rfind("\n") + 1 :]
    return line, len(col_text.encode("utf-16-le")) // 2


def _index_tuple(fi):
    data = list(fi.as_tuple())
    data[4] = [r[:7] for r in data[4]]  # targets are the graph's business
    return data


edits = st.lists(
    st.tuples(
        st.integers(0, len(FILES) - 1),
        st.floats(0, 1),
        st.integers(0, 4),
        st.text(alphabet=ALPHABET, max_size=4),
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=edits)
def test_incremental_edits_match_full_index(tmp_path: Path, edits: list) -> None:
    root = tmp_path / "ws"
    root.mkdir(exist_ok=True)
    paths = _workspace(root)
    rels = sorted(paths)
    graph = CodeGraph([str(root)])
    graph.load([extract_file(p, language_for(p), Path(p).read_bytes()) for p in paths.values()])
    docs = Documents(graph)
    texts = {rel: FILES[rel] for rel in rels}
    for rel in rels:
        docs.open(paths[rel], texts[rel], 0)

    for version, (file_no, where, delete, insert) in enumerate(edits, start=1):
        rel = rels[file_no]
        text = texts[rel]
        start = int(where * len(text))
        end = min(len(text), start + delete)
        change = TextChange(_position(text, start), _position(text, end), insert)
        texts[rel] = text[:start] + insert + text[end:]
        docs.change(paths[rel], version, [change])
        assert docs.text(paths[rel]) == texts[rel]

        doc = docs._docs[paths[rel]]
        if doc.tree is not None and doc.index is not None:
            same_tree = extract_file(paths[rel], doc.spec, doc.src, doc.tree)  # type: ignore[arg-type]
            assert _index_tuple(doc.index) == _index_tuple(same_tree)

    reference = CodeGraph([str(root)])
    indexes = []
    for rel in rels:
        doc = docs._docs[paths[rel]]
        tree = doc.tree
        indexes.append(extract_file(paths[rel], doc.spec, doc.src, tree))  # type: ignore[arg-type]
    reference.load(indexes)
    assert set(graph.symbols) == set(reference.symbols)
    assert graph.edge_set() == reference.edge_set()
    assert {k: v for k, v in graph.inc.items() if v} == {k: v for k, v in reference.inc.items() if v}

    for rel in rels:
        doc = docs._docs[paths[rel]]
        fresh = extract_file(paths[rel], doc.spec, doc.src)  # type: ignore[arg-type]
        if not fresh.has_error:
            assert _index_tuple(doc.index) == _index_tuple(fresh)


def test_close_restores_disk_content(tmp_path: Path) -> None:
    paths = _workspace(tmp_path)
    graph = CodeGraph([str(tmp_path)])
    graph.load([extract_file(p, language_for(p), Path(p).read_bytes()) for p in paths.values()])
    docs = Documents(graph)
    report = paths["pkg/report.py"]
    docs.open(report, FILES["pkg/report.py"], 1)
    line = FILES["pkg/report.py"].splitlines().index("def total_area(items):")
    docs.change(report, 2, [TextChange((line, 4), (line, 14), "grand_total")])
    assert graph.find("grand_total")
    assert not graph.find("total_area")
    docs.close(report)
    assert graph.find("total_area")
    assert not graph.find("grand_total")


def test_rename_updates_callers_in_other_files(tmp_path: Path) -> None:
    paths = _workspace(tmp_path)
    graph = CodeGraph([str(tmp_path)])
    graph.load([extract_file(p, language_for(p), Path(p).read_bytes()) for p in paths.values()])
    docs = Documents(graph)
    report = paths["pkg/report.py"]
    (make_report,) = graph.find("make_report")
    callers = {c.symbol.qualname for c in graph.callers(make_report.id) if c.symbol}
    assert callers == {"test_make_report", "Report.run"}
    docs.open(report, FILES["pkg/report.py"], 1)
    line = FILES["pkg/report.py"].splitlines().index("def make_report(n):")
    docs.change(report, 2, [TextChange((line, 4), (line, 15), "build_report")])
    (build,) = graph.find("build_report")
    # Every caller still uses the old name, which no longer exists anywhere.
    assert graph.callers(build.id) == []
    assert not any(dst == make_report.id for _, dst, _, _ in graph.edge_set())
    text = docs.text(report) or ""
    call_line = text.splitlines().index("        return self.shape.describe() + make_report(3)")
    col = text.splitlines()[call_line].index("make_report")
    docs.change(report, 3, [TextChange((call_line, col), (call_line, col + 11), "build_report")])
    assert {c.symbol.qualname for c in graph.callers(build.id) if c.symbol} == {"Report.run"}
    (site,) = graph.callers(build.id)
    assert site.ranges == [((call_line, col), (call_line, col + len("build_report")))]


EXTRA_FILES = {
    "pkg/extra.py": (
        "from .shapes import Square\n\n\nclass Cube(Square):\n    def area(self):\n        return 6 * super().area()\n"
    ),
    "pkg/__init__.py": "from .shapes import Shape\n",
    "web/more.js": 'import { helper } from "./util";\nexport function twice(x) { return helper(helper(x)); }\n',
    "go/extra.go": "package main\n\nfunc extra() int { return run() }\n",
    "pkg/shapes.py": "class Shape:\n    def name(self):\n        return 'plain'\n",
}

operations = st.lists(
    st.tuples(st.sampled_from(["add", "remove", "rewrite"]), st.integers(0, 100)),
    min_size=1,
    max_size=8,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=operations)
def test_files_added_and_removed_match_full_index(tmp_path: Path, ops: list) -> None:
    root = tmp_path / "ws"
    if root.exists():
        import shutil

        shutil.rmtree(root)
    root.mkdir()
    paths = _workspace(root)
    graph = CodeGraph([str(root)])
    graph.load([extract_file(p, language_for(p), Path(p).read_bytes()) for p in paths.values()])
    current = dict(FILES)
    pool = sorted(set(FILES) | set(EXTRA_FILES))
    for op, pick in ops:
        rel = pool[pick % len(pool)]
        path = str(root / rel)
        if op == "remove":
            current.pop(rel, None)
            graph.remove(path)
            continue
        text = EXTRA_FILES.get(rel, FILES.get(rel, "")) if op == "rewrite" else FILES.get(rel, EXTRA_FILES.get(rel))
        current[rel] = text or ""
        graph.upsert(extract_file(path, language_for(path), current[rel].encode()))
    reference = CodeGraph([str(root)])
    reference.load([extract_file(str(root / r), language_for(r), t.encode()) for r, t in current.items()])
    assert set(graph.symbols) == set(reference.symbols)
    assert graph.edge_set() == reference.edge_set()


HINTED = """class Plain:
    def go(self):
        return 1


class Fancy:
    def go(self):
        return 2


def make(kind):
    return kind


class User:
    def __init__(self, helper: Plain):
        self.helper = helper
        self.other = Plain()

    def run(self):
        return self.helper.go() + self.other.go()
"""


def test_changed_hint_resolves_its_readers_without_a_full_update(tmp_path: Path, monkeypatch) -> None:
    path = str(tmp_path / "hinted.py")
    Path(path).write_text(HINTED, encoding="utf-8")
    graph = CodeGraph([str(tmp_path)])
    graph.load([extract_file(path, language_for(path), HINTED.encode())])
    docs = Documents(graph)
    docs.open(path, HINTED, 1)
    (run,) = graph.find("run")
    (plain_go, fancy_go) = sorted(graph.find("go"), key=lambda s: s.start)
    assert {c.symbol.id for c in graph.callees(run.id) if c.symbol} == {plain_go.id}

    def no_upsert(*args, **kwargs):
        raise AssertionError("a hint change should take the region path")

    monkeypatch.setattr(graph, "upsert", no_upsert)
    lines = HINTED.splitlines()
    # `self.other = Plain()` -> `self.other = Fancy()`: one reader changes target.
    row = lines.index("        self.other = Plain()")
    col = lines[row].index("Plain")
    docs.change(path, 2, [TextChange((row, col), (row, col + 5), "Fancy")])
    assert {c.symbol.id for c in graph.callees(run.id) if c.symbol} == {plain_go.id, fancy_go.id}
    # The annotated parameter copied into `self.helper` changes too.
    row = lines.index("    def __init__(self, helper: Plain):")
    col = lines[row].index("Plain")
    docs.change(path, 3, [TextChange((row, col), (row, col + 5), "Fancy")])
    assert {c.symbol.id for c in graph.callees(run.id) if c.symbol} == {fancy_go.id}

    reference = CodeGraph([str(tmp_path)])
    reference.load([extract_file(path, language_for(path), (docs.text(path) or "").encode())])
    assert graph.edge_set() == reference.edge_set()


def test_docstring_edit_updates_the_owner_doc(tmp_path: Path) -> None:
    paths = _workspace(tmp_path)
    graph = CodeGraph([str(tmp_path)])
    graph.load([extract_file(p, language_for(p), Path(p).read_bytes()) for p in paths.values()])
    docs = Documents(graph)
    shapes = paths["pkg/shapes.py"]
    docs.open(shapes, FILES["pkg/shapes.py"], 1)
    lines = FILES["pkg/shapes.py"].splitlines()
    row = lines.index('    """Base shape."""')
    col = lines[row].index("shape")
    docs.change(shapes, 2, [TextChange((row, col), (row, col), "plane ")])
    (shape,) = graph.find("Shape")
    assert shape.doc == "Base plane shape."
    # A statement that now comes first in a body becomes the docstring.
    docs.change(shapes, 3, [TextChange((row, 4), (row, len(lines[row])), "x = 1")])
    (shape,) = graph.find("Shape")
    assert shape.doc == ""
