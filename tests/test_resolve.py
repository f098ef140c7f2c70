"""Tests for name resolution (smallcode_ls.graph.resolve) through CodeGraph edges.

Each test writes a small workspace under tmp_path, extracts every file and
loads them together, then checks the edges with ids relative to the root.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from smallcode_ls.graph.extract import extract_file
from smallcode_ls.graph.languages import language_for
from smallcode_ls.graph.model import CANDIDATE_POOL, MAX_CANDIDATES, RESOLVED
from smallcode_ls.graph.store import CodeGraph

Edge = tuple[str, str, str, int]


def build(root: Path, files: dict[str, str]) -> CodeGraph:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    indexes = []
    for rel in files:
        path = str(root / rel)
        spec = language_for(path)
        assert spec is not None, rel
        indexes.append(extract_file(path, spec, Path(path).read_bytes()))
    graph = CodeGraph([root])
    graph.load(indexes)
    return graph


def rel(root: Path, node: str) -> str:
    prefix = str(root) + "/"
    assert node.startswith(prefix), node
    return node[len(prefix) :]


def edges(graph: CodeGraph, root: Path, *kinds: str) -> set[Edge]:
    return {(rel(root, s), rel(root, d), k, w) for s, d, k, w in graph.edge_set() if not kinds or k in kinds}


def calls_from(graph: CodeGraph, root: Path, src: str) -> dict[str, int]:
    """dst -> weight of the `calls` edges leaving one node."""
    return {d: w for s, d, k, w in edges(graph, root, "calls") if s == src}


def sid(root: Path, symbol: str) -> str:
    return f"{root}/{symbol}"


# -- Python imports --------------------------------------------------------------------


def test_import_module_and_alias(tmp_path: Path) -> None:
    g = build(
        tmp_path,
        {
            "helpers.py": "def f():\n    pass\n",
            "main.py": """\
                import helpers
                import helpers as h
                def run():
                    helpers.f()
                    h.f()
                """,
        },
    )
    assert calls_from(g, tmp_path, "main.py::run") == {"helpers.py::f": 2 * RESOLVED}
    assert ("main.py", "helpers.py", "imports", RESOLVED) in edges(g, tmp_path)


def test_from_import_with_alias(tmp_path: Path) -> None:
    g = build(
        tmp_path,
        {
            "lib.py": "def orig():\n    pass\ndef orig2():\n    pass\n",
            "main.py": """\
                from lib import orig as renamed, orig2
                def run():
                    renamed()
                    orig2()
                    orig()
                """,
        },
    )
    # `orig` is not bound in main.py: only the unique-name fallback (a candidate) remains.
    assert calls_from(g, tmp_path, "main.py::run") == {
        "lib.py::orig": RESOLVED + CANDIDATE_POOL,
        "lib.py::orig2": RESOLVED,
    }


def test_relative_imports(tmp_path: Path) -> None:
    g = build(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/pkg/__init__.py": "",
            "app/pkg/mod.py": "def f():\n    pass\n",
            "app/sub/__init__.py": "",
            "app/sub/m.py": "def mf():\n    pass\n",
            "app/sub/x.py": """\
                from . import m
                from .m import mf as local_mf
                from ..pkg.mod import f
                from .. import pkg
                def use():
                    m.mf()
                    local_mf()
                    f()
                    pkg.mod.f()
                """,
        },
    )
    assert calls_from(g, tmp_path, "app/sub/x.py::use") == {
        "app/sub/m.py::mf": 2 * RESOLVED,
        "app/pkg/mod.py::f": 2 * RESOLVED,
    }
    imports = {d for s, d, k, _ in edges(g, tmp_path, "imports") if s == "app/sub/x.py"}
    assert {"app/sub/m.py", "app/pkg/mod.py"} <= imports


def test_relative_import_without_init_files(tmp_path: Path) -> None:
    g = build(
        tmp_path,
        {
            "p/r.py": "def rf():\n    pass\n",
            "p/q.py": "from . import r\nfrom .r import rf\ndef f():\n    r.rf()\n    rf()\n",
        },
    )
    assert calls_from(g, tmp_path, "p/q.py::f") == {"p/r.py::rf": 2 * RESOLVED}
    assert ("p/q.py", "p/r.py", "imports", RESOLVED) in edges(g, tmp_path)


def test_relative_import_above_the_top_is_harmless(tmp_path: Path) -> None:
    g = build(tmp_path, {"top.py": "from .... import nothing\nfrom ...x import y\ny()\nnothing()\n"})
    assert edges(g, tmp_path, "calls", "imports") == set()


def test_module_attribute_after_import_of_submodule(tmp_path: Path) -> None:
    g = build(
        tmp_path,
        {
            "pkg/__init__.py": "",
            "pkg/mod.py": "def func():\n    pass\nclass K:\n    def meth(self):\n        pass\n",
            "use.py": """\
                import pkg.mod
                def run():
                    pkg.mod.func()
                    pkg.mod.K().meth()
                    k = pkg.mod.K()
                    k.meth()
                """,
        },
    )
    assert calls_from(g, tmp_path, "use.py::run") == {
        "pkg/mod.py::func": RESOLVED,
        "pkg/mod.py::K": 2 * RESOLVED,
        # `pkg.mod.K().meth()` resolves through the constructor call;
        # `k.meth()` through the hint `k = pkg.mod.K()`.
        "pkg/mod.py::K.meth": 2 * RESOLVED,
    }
    assert ("use.py", "pkg/mod.py", "imports", RESOLVED) in edges(g, tmp_path)


def test_module_attribute_in_namespace_package(tmp_path: Path) -> None:
    g = build(
        tmp_path,
        {
            "ns/mod.py": "def func():\n    pass\n",
            "use.py": "import ns.mod\ndef run():\n    ns.mod.func()\n",
        },
    )
    assert calls_from(g, tmp_path, "use.py::run") == {"ns/mod.py::func": RESOLVED}


def test_reexport_through_package_init(tmp_path: Path) -> None:
    g = build(
        tmp_path,
        {
            "app/__init__.py": "from .core import Thing\nfrom .util import *\n",
            "app/core.py": "class Thing:\n    def run(self):\n        pass\n",
            "app/util.py": "def tool():\n    pass\n",
            "main.py": """\
                from app import Thing, tool
                import app
                def go():
                    t = Thing()
                    t.run()
                    tool()
                    app.Thing()
                """,
        },
    )
    assert calls_from(g, tmp_path, "main.py::go") == {
        "app/core.py::Thing": 2 * RESOLVED,
        "app/core.py::Thing.run": RESOLVED,
        "app/util.py::tool": RESOLVED,
    }
    assert ("main.py", "app/__init__.py", "imports", RESOLVED) in edges(g, tmp_path)


def test_star_import(tmp_path: Path) -> None:
    g = build(
        tmp_path,
        {
            "lib.py": "def a():\n    pass\n",
            "other.py": "def a():\n    pass\n",
            "main.py": "from lib import *\ndef f():\n    a()\n",
        },
    )
    # Two files define `a`; the star import picks the right one.
    assert calls_from(g, tmp_path, "main.py::f") == {"lib.py::a": RESOLVED}


def test_from_package_import_submodule_imports_edge(tmp_path: Path) -> None:
    g = build(
        tmp_path,
        {
            "app/__init__.py": "",
            "app/y.py": "def yy():\n    pass\n",
            "app/x.py": "from . import y\n",
            "main.py": "from app import y\n",
        },
    )
    imports = edges(g, tmp_path, "imports")
    assert ("app/x.py", "app/y.py", "imports", RESOLVED) in imports
    assert ("main.py", "app/y.py", "imports", RESOLVED) in imports


# -- Python classes ------------------------------------------------------------------------


def test_self_method_resolves_to_enclosing_class(tmp_path: Path) -> None:
    g = build(
        tmp_path,
        {
            "a.py": """\
                class A:
                    def run(self):
                        self.step()
                        self.missing()
                        def nested():
                            self.step()
                        return nested
                    def step(self):
                        pass
                    @classmethod
                    def make(cls):
                        return cls.step(None)
                class B:
                    def step(self):
                        pass
                """,
        },
    )
    assert calls_from(g, tmp_path, "a.py::A.run") == {"a.py::A.step": RESOLVED}
    assert calls_from(g, tmp_path, "a.py::A.run.nested") == {"a.py::A.step": RESOLVED}
    assert calls_from(g, tmp_path, "a.py::A.make") == {"a.py::A.step": RESOLVED}
    # `self.missing()` on a known class without that member: no guessing.
    assert not any(d.endswith("missing") for _, d, _, _ in edges(g, tmp_path))


def test_self_method_and_super_through_base_in_other_file(tmp_path: Path) -> None:
    g = build(
        tmp_path,
        {
            "base.py": """\
                class Base:
                    def hello(self):
                        pass
                    def run(self):
                        pass
                """,
            "child.py": """\
                from base import Base
                class Child(Base):
                    def run(self):
                        self.hello()
                        super().run()
                        super(Child, self).hello()
                class Other:
                    def run(self):
                        pass
                    def hello(self):
                        pass
                """,
        },
    )
    assert calls_from(g, tmp_path, "child.py::Child.run") == {
        "base.py::Base.hello": 2 * RESOLVED,
        "base.py::Base.run": RESOLVED,
    }
    assert ("child.py::Child", "base.py::Base", "inherits", RESOLVED) in edges(g, tmp_path)


def test_method_through_two_levels_of_bases(tmp_path: Path) -> None:
    g = build(
        tmp_path,
        {
            "a.py": "class A:\n    def deep(self):\n        pass\n",
            "b.py": "import a\nclass B(a.A):\n    pass\n",
            "c.py": "from b import B\nclass C(B):\n    def m(self):\n        self.deep()\n",
        },
    )
    assert calls_from(g, tmp_path, "c.py::C.m") == {"a.py::A.deep": RESOLVED}
    inherits = edges(g, tmp_path, "inherits")
    assert inherits == {
        ("b.py::B", "a.py::A", "inherits", RESOLVED),
        ("c.py::C", "b.py::B", "inherits", RESOLVED),
    }


def test_hints_local_and_self_attribute(tmp_path: Path) -> None:
    g = build(
        tmp_path,
        {
            "svc.py": """\
                class Engine:
                    def start(self):
                        pass
                class Other:
                    def start(self):
                        pass
                """,
            "car.py": """\
                from svc import Engine
                import svc
                class Car:
                    def __init__(self):
                        self.engine = svc.Engine()
                    def drive(self):
                        self.engine.start()
                def main():
                    e = Engine()
                    e.start()
                """,
        },
    )
    assert calls_from(g, tmp_path, "car.py::Car.drive") == {"svc.py::Engine.start": RESOLVED}
    assert calls_from(g, tmp_path, "car.py::main") == {
        "svc.py::Engine": RESOLVED,
        "svc.py::Engine.start": RESOLVED,
    }


def test_conflicting_hints_do_not_pick_a_type(tmp_path: Path) -> None:
    g = build(
        tmp_path,
        {
            "m.py": """\
                class A:
                    def go(self):
                        pass
                class B:
                    def go(self):
                        pass
                def f(flag):
                    x = A()
                    x = B()
                    x.go()
                """,
        },
    )
    share = CANDIDATE_POOL // 2
    assert calls_from(g, tmp_path, "m.py::f") == {
        "m.py::A": RESOLVED,
        "m.py::B": RESOLVED,
        "m.py::A.go": share,
        "m.py::B.go": share,
    }


def test_bare_name_in_method_skips_class_scope(tmp_path: Path) -> None:
    # Python (and JS) method bodies do not see class-level names.
    g = build(
        tmp_path,
        {
            "m.py": """\
                def helper():
                    pass
                class C:
                    def helper(self):
                        pass
                    def run(self):
                        helper()
                """,
        },
    )
    assert calls_from(g, tmp_path, "m.py::C.run") == {"m.py::helper": RESOLVED}


def test_name_in_class_body_sees_class_scope(tmp_path: Path) -> None:
    g = build(
        tmp_path,
        {
            "m.py": """\
                def deco(f):
                    return f
                class C:
                    def deco(f):
                        return f
                    @deco
                    def run(self):
                        pass
                """,
        },
    )
    # The decorator is evaluated in the class body, where C.deco is visible.
    assert calls_from(g, tmp_path, "m.py::C") == {"m.py::C.deco": RESOLVED}


# -- candidates and builtins ----------------------------------------------------------------


@pytest.mark.parametrize("n", [2, 3, MAX_CANDIDATES])
def test_ambiguous_call_keeps_candidates(tmp_path: Path, n: int) -> None:
    files = {f"d{i}.py": "def dup():\n    pass\n" for i in range(n)}
    files["main.py"] = "def go():\n    dup()\n"
    g = build(tmp_path, files)
    got = calls_from(g, tmp_path, "main.py::go")
    assert set(got) == {f"d{i}.py::dup" for i in range(n)}
    assert sum(got.values()) == CANDIDATE_POOL
    assert all(w < RESOLVED for w in got.values())
    assert len(set(got.values())) == 1


def test_ambiguous_method_call_candidates(tmp_path: Path) -> None:
    g = build(
        tmp_path,
        {
            "a.py": "class A:\n    def save(self):\n        pass\n",
            "b.py": "class B:\n    def save(self):\n        pass\ndef save():\n    pass\n",
            "main.py": "def go(obj):\n    obj.save()\n",
        },
    )
    # A receiver call only considers methods, not the top-level `save`.
    assert calls_from(g, tmp_path, "main.py::go") == {
        "a.py::A.save": CANDIDATE_POOL // 2,
        "b.py::B.save": CANDIDATE_POOL // 2,
    }


def test_too_many_candidates_are_dropped(tmp_path: Path) -> None:
    files = {f"d{i}.py": "def dup():\n    pass\n" for i in range(MAX_CANDIDATES + 1)}
    files["main.py"] = "def go():\n    dup()\n"
    g = build(tmp_path, files)
    assert calls_from(g, tmp_path, "main.py::go") == {}


def test_builtins_are_not_candidates(tmp_path: Path) -> None:
    g = build(
        tmp_path,
        {
            "shadow.py": "def len(x):\n    pass\ndef print(x):\n    pass\n",
            "main.py": "def go(items):\n    print(len(items))\n    isinstance(items, list)\n",
        },
    )
    assert calls_from(g, tmp_path, "main.py::go") == {}


def test_local_definition_shadows_builtin(tmp_path: Path) -> None:
    g = build(tmp_path, {"main.py": "def len(x):\n    pass\ndef go(items):\n    len(items)\n"})
    assert calls_from(g, tmp_path, "main.py::go") == {"main.py::len": RESOLVED}


def test_missing_member_of_workspace_module_is_not_guessed(tmp_path: Path) -> None:
    g = build(
        tmp_path,
        {
            "helpers.py": "def f():\n    pass\n",
            "k.py": "class K:\n    def missing(self):\n        pass\n",
            "main.py": "import helpers\ndef go():\n    helpers.missing()\n",
        },
    )
    assert calls_from(g, tmp_path, "main.py::go") == {}


def test_external_module_member_is_not_guessed(tmp_path: Path) -> None:
    g = build(
        tmp_path,
        {
            "p.py": "class P:\n    def join(self):\n        pass\n    def dumps(self):\n        pass\n",
            "main.py": "import os\nimport json\ndef go():\n    os.path.join('a')\n    json.dumps(1)\n",
        },
    )
    assert calls_from(g, tmp_path, "main.py::go") == {}


# -- edge kinds -------------------------------------------------------------------------------------


def test_contains_edges(tmp_path: Path) -> None:
    g = build(
        tmp_path,
        {"m.py": "class A:\n    def m(self):\n        def inner():\n            pass\ndef f():\n    pass\n"},
    )
    assert edges(g, tmp_path, "contains") == {
        ("m.py", "m.py::A", "contains", RESOLVED),
        ("m.py::A", "m.py::A.m", "contains", RESOLVED),
        ("m.py::A.m", "m.py::A.m.inner", "contains", RESOLVED),
        ("m.py", "m.py::f", "contains", RESOLVED),
    }


def test_duplicate_qualnames_get_distinct_ids(tmp_path: Path) -> None:
    g = build(tmp_path, {"m.py": "def f():\n    pass\ndef f():\n    pass\n"})
    assert {rel(tmp_path, s) for s in g.symbols} == {"m.py::f", "m.py::f#2"}


def test_imports_edges_are_file_to_file(tmp_path: Path) -> None:
    g = build(
        tmp_path,
        {
            "a.py": "import b\nimport os\nfrom c import thing\nimport a\n",
            "b.py": "",
            "c.py": "thing = 1\n",
        },
    )
    assert edges(g, tmp_path, "imports") == {
        ("a.py", "b.py", "imports", RESOLVED),
        ("a.py", "c.py", "imports", RESOLVED),
    }


def test_tests_edges_from_test_functions(tmp_path: Path) -> None:
    g = build(
        tmp_path,
        {
            "app.py": "def helper():\n    pass\ndef other():\n    pass\n",
            "tests/test_x.py": """\
                from app import helper, other
                def test_helper():
                    helper()
                def make_data():
                    other()
                class TestThing:
                    def check(self):
                        other()
                """,
        },
    )
    got = edges(g, tmp_path, "tests")
    assert got == {
        ("tests/test_x.py::test_helper", "app.py::helper", "tests", RESOLVED),
        ("tests/test_x.py::TestThing.check", "app.py::other", "tests", RESOLVED),
    }
    # A helper in a test file still calls, but does not test.
    assert calls_from(g, tmp_path, "tests/test_x.py::make_data") == {"app.py::other": RESOLVED}


def test_no_tests_edges_outside_test_files(tmp_path: Path) -> None:
    g = build(tmp_path, {"app.py": "def create():\n    pass\napp = create()\ndef test_like():\n    create()\n"})
    assert edges(g, tmp_path, "tests") == set()
    assert calls_from(g, tmp_path, "app.py") == {"app.py::create": RESOLVED}


def test_test_detection_is_relative_to_the_root(tmp_path: Path) -> None:
    root = tmp_path / "testing" / "proj"
    g = build(root, {"app.py": "def create():\n    pass\napp = create()\ndef test_like():\n    create()\n"})
    assert edges(g, root, "tests") == set()


def test_callers_and_callees(tmp_path: Path) -> None:
    g = build(
        tmp_path,
        {
            "lib.py": "def target():\n    pass\n",
            "main.py": """\
                from lib import target
                def a():
                    target()
                    target()
                def b():
                    target()
                target()
                """,
        },
    )
    target = sid(tmp_path, "lib.py::target")
    callers = {(rel(tmp_path, c.path), c.symbol.qualname if c.symbol else None): c for c in g.callers(target)}
    assert set(callers) == {("main.py", "a"), ("main.py", "b"), ("main.py", None)}
    a = callers[("main.py", "a")]
    assert a.weight == 2.0
    assert a.ranges == [((2, 4), (2, 10)), ((3, 4), (3, 10))]
    assert callers[("main.py", None)].ranges == [((6, 0), (6, 6))]
    (callee,) = g.callees(sid(tmp_path, "main.py::b"))
    assert callee.symbol is not None
    assert callee.symbol.id == target
    assert callee.weight == 1.0
    assert callee.ranges == [((5, 4), (5, 10))]


def test_a_call_pinned_by_a_unique_name_is_marked_as_its_only_candidate(tmp_path: Path) -> None:
    g = build(
        tmp_path,
        {
            "entry.py": """\
                class Entry:
                    def is_stale(self):
                        return True
                    def size(self):
                        return 1
                """,
            "other.py": "class Box:\n    def size(self):\n        return 2\n",
            "store.py": """\
                def get(entries, key):
                    entry = entries.get(key)
                    return entry.is_stale() or entry.size()
                """,
        },
    )
    sites = {c.symbol.qualname: c for c in g.callees(sid(tmp_path, "store.py::get")) if c.symbol}
    assert set(sites) == {"Entry.is_stale", "Entry.size", "Box.size"}
    assert not any(c.resolved for c in sites.values())
    assert sites["Entry.is_stale"].only_candidate
    assert not sites["Entry.size"].only_candidate and not sites["Box.size"].only_candidate


# -- JavaScript / TypeScript ---------------------------------------------------------------------


def test_js_imports_and_calls(tmp_path: Path) -> None:
    g = build(
        tmp_path,
        {
            "src/foo.js": "export default function foo() {}\nexport function named() {}\n",
            "src/lib/index.js": "export function libf() {}\n",
            "src/base.js": "export class Base { hi() {} }\n",
            "src/main.js": """\
                import foo, { named as nn } from './foo';
                import * as F from './foo.js';
                import { libf } from './lib';
                import { Base } from './base';
                const R = require('./foo');
                class K extends Base {
                  a() { this.b(); this.hi(); foo(); nn(); F.named(); libf(); R.named(); }
                  b() {}
                }
                """,
        },
    )
    assert calls_from(g, tmp_path, "src/main.js::K.a") == {
        "src/main.js::K.b": RESOLVED,
        "src/base.js::Base.hi": RESOLVED,
        "src/foo.js::foo": RESOLVED,
        "src/foo.js::named": 3 * RESOLVED,
        "src/lib/index.js::libf": RESOLVED,
    }
    assert {d for s, d, k, _ in edges(g, tmp_path, "imports") if s == "src/main.js"} == {
        "src/foo.js",
        "src/lib/index.js",
        "src/base.js",
    }
    assert ("src/main.js::K", "src/base.js::Base", "inherits", RESOLVED) in edges(g, tmp_path)


def test_js_unresolved_relative_import_and_globals(tmp_path: Path) -> None:
    g = build(
        tmp_path,
        {
            "a.js": "export function parseInt() {}\n",
            "main.js": "import { gone } from './missing';\nfunction f() { gone(); console.log(1); parseInt('1'); }\n",
        },
    )
    assert calls_from(g, tmp_path, "main.js::f") == {}
    assert edges(g, tmp_path, "imports") == set()


def test_js_default_export_of_identifier_resolves(tmp_path: Path) -> None:
    g = build(
        tmp_path,
        {
            "bar.js": "function bar() {}\nexport default bar;\n",
            "other.js": "export function bar() {}\n",
            "main.js": "import b from './bar';\nfunction f() { b(); }\n",
        },
    )
    assert calls_from(g, tmp_path, "main.js::f") == {"bar.js::bar": RESOLVED}


def test_js_destructured_require_resolves(tmp_path: Path) -> None:
    g = build(
        tmp_path,
        {
            "destr.js": "function d1() {}\nmodule.exports = { d1 };\n",
            "main.js": "const { d1 } = require('./destr');\nfunction f() { d1(); }\n",
        },
    )
    assert calls_from(g, tmp_path, "main.js::f") == {"destr.js::d1": RESOLVED}
    assert ("main.js", "destr.js", "imports", RESOLVED) in edges(g, tmp_path)


def test_ts_extends_and_implements(tmp_path: Path) -> None:
    g = build(
        tmp_path,
        {
            "ts/i.ts": "export interface I { x(): void }\nexport class B { b() {} }\n",
            "ts/c.ts": """\
                import { I, B } from './i.js';
                export class C extends B implements I {
                  x() { this.b(); }
                }
                export interface J extends I {}
                """,
            "ts/view.tsx": "import { C } from './c';\nexport const V = () => { new C(); return <div/>; };\n",
        },
    )
    assert edges(g, tmp_path, "inherits") == {
        ("ts/c.ts::C", "ts/i.ts::B", "inherits", RESOLVED),
        ("ts/c.ts::C", "ts/i.ts::I", "inherits", RESOLVED),
        ("ts/c.ts::J", "ts/i.ts::I", "inherits", RESOLVED),
    }
    assert calls_from(g, tmp_path, "ts/c.ts::C.x") == {"ts/i.ts::B.b": RESOLVED}
    assert calls_from(g, tmp_path, "ts/view.tsx::V") == {"ts/c.ts::C": RESOLVED}
    assert ("ts/c.ts", "ts/i.ts", "imports", RESOLVED) in edges(g, tmp_path)


def test_js_test_file_module_level_calls_are_tests(tmp_path: Path) -> None:
    g = build(
        tmp_path,
        {
            "c.ts": "export class C { x() {} }\n",
            "c.test.ts": "import { C } from './c';\ntest('x', () => { new C(); });\n",
        },
    )
    assert ("c.test.ts", "c.ts::C", "tests", RESOLVED) in edges(g, tmp_path)


# -- Go ----------------------------------------------------------------------------------------------

GO_FILES = {
    "main.go": """\
        package main

        import (
            "fmt"
            u "example.com/m/pkg/util"
        )

        func main() {
            local()
            u.Do()
            fmt.Sprint("x")
            var t Thing
            t.Run()
        }
        """,
    "other.go": """\
        package main

        type Thing struct{}

        func (t *Thing) Run() { t.helper() }

        func (t *Thing) helper() {}

        func local() {}
        """,
    "pkg/util/util.go": "package util\n\nfunc Do() {}\n",
    "pkg/util/util_test.go": 'package util\n\nimport "testing"\n\nfunc TestDo(t *testing.T) { Do() }\n',
}


def test_go_package_and_import_resolution(tmp_path: Path) -> None:
    g = build(tmp_path, GO_FILES)
    got = calls_from(g, tmp_path, "main.go::main")
    assert got["other.go::local"] == RESOLVED  # same package, other file
    assert got["pkg/util/util.go::Do"] == RESOLVED  # aliased import, path suffix
    assert ("main.go", "pkg/util/util.go", "imports", RESOLVED) in edges(g, tmp_path)
    assert ("pkg/util/util_test.go::TestDo", "pkg/util/util.go::Do", "tests", RESOLVED) in edges(g, tmp_path)
    assert edges(g, tmp_path, "contains") >= {
        ("other.go", "other.go::Thing", "contains", RESOLVED),
        ("other.go", "other.go::Thing.Run", "contains", RESOLVED),
    }


def test_go_receiver_method_call_reaches_the_method(tmp_path: Path) -> None:
    g = build(tmp_path, GO_FILES)
    got = calls_from(g, tmp_path, "other.go::Thing.Run")
    assert set(got) == {"other.go::Thing.helper"}
    assert 0 < got["other.go::Thing.helper"] <= RESOLVED


def test_go_receiver_method_call_is_resolved(tmp_path: Path) -> None:
    files = dict(GO_FILES)
    files["more.go"] = "package main\n\ntype Other struct{}\n\nfunc (o Other) helper() {}\n"
    g = build(tmp_path, files)
    assert calls_from(g, tmp_path, "other.go::Thing.Run") == {"other.go::Thing.helper": RESOLVED}


def test_go_external_package_member_is_not_guessed(tmp_path: Path) -> None:
    files = dict(GO_FILES)
    files["pkg/util/s.go"] = "package util\n\ntype S struct{}\n\nfunc (s S) Sprint() {}\n"
    g = build(tmp_path, files)
    assert not any(d.endswith("S.Sprint") for d in calls_from(g, tmp_path, "main.go::main"))


def test_go_stdlib_import_does_not_match_workspace_dir(tmp_path: Path) -> None:
    g = build(
        tmp_path,
        {
            "main.go": 'package main\n\nimport "errors"\n\nfunc main() { _ = errors.New("x") }\n',
            "internal/errors/errors.go": "package errors\n\nfunc New() error { return nil }\n",
        },
    )
    assert calls_from(g, tmp_path, "main.go::main") == {}
    assert edges(g, tmp_path, "imports") == set()


def test_annotations_type_parameters_and_attributes(tmp_path: Path) -> None:
    g = build(
        tmp_path,
        {
            "store.py": "class Store:\n    def get(self):\n        pass\n",
            "other.py": "class Other:\n    def get(self):\n        pass\n",
            "use.py": """\
                from store import Store
                from other import Other
                class User:
                    def __init__(self, store: Store, other: "Other | None" = None):
                        self.store = store
                        self.cached: Other = other
                    def run(self, s: Store):
                        s.get()
                        self.store.get()
                        self.cached.get()
                """,
        },
    )
    assert calls_from(g, tmp_path, "use.py::User.run") == {
        "store.py::Store.get": 2 * RESOLVED,
        "other.py::Other.get": RESOLVED,
    }
