"""Tests for smallcode_ls.graph.extract: symbols, refs, imports and hints per language.

Positions are (0-based line, UTF-16 column); the sources below are written so
that every expected position can be checked by counting characters.
"""

from __future__ import annotations

import pytest

from smallcode_ls.graph.extract import Positions, extract_file
from smallcode_ls.graph.languages import LANGUAGES, language_for
from smallcode_ls.graph.model import FileIndex, Import, Symbol


def ext(lang: str, src: str | bytes, path: str | None = None) -> FileIndex:
    spec = LANGUAGES[lang]
    data = src.encode("utf-8") if isinstance(src, str) else src
    return extract_file(path or f"/ws/file{spec.extensions[0]}", spec, data)


def sym(fi: FileIndex, qualname: str) -> Symbol:
    found = [s for s in fi.symbols if s.qualname == qualname]
    assert len(found) == 1, (qualname, [s.qualname for s in fi.symbols])
    return found[0]


def quals(fi: FileIndex) -> list[str]:
    return [s.qualname for s in fi.symbols]


def refs(fi: FileIndex) -> list[tuple[str, str | None, str, str]]:
    """(kind, receiver, name, scope) in document order."""
    return [(r.kind, r.recv, r.name, r.scope) for r in fi.refs]


def imports(fi: FileIndex) -> list[tuple[str, str | None, str]]:
    return [(i.module, i.name, i.alias) for i in fi.imports]


# -- languages and positions ------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "lang"),
    [
        ("a.py", "python"),
        ("a.pyi", "python"),
        ("a.js", "javascript"),
        ("a.mjs", "javascript"),
        ("a.jsx", "javascript"),
        ("a.ts", "typescript"),
        ("a.tsx", "tsx"),
        ("a.go", "go"),
        ("A.PY", "python"),
    ],
)
def test_language_for_extension(path: str, lang: str) -> None:
    spec = language_for(path)
    assert spec is not None
    assert spec.name == lang


def test_language_for_unknown_and_disabled() -> None:
    assert language_for("a.rs") is None
    assert language_for("Makefile") is None
    assert language_for("a.py", frozenset({"go"})) is None
    assert language_for("a.go", frozenset({"go"})) is LANGUAGES["go"]


def test_positions_utf16_columns() -> None:
    src = "aé😀b\nxyz\n".encode()
    pos = Positions(src)
    # byte columns: a=0, é=1..2, 😀=3..6, b=7
    assert pos.point((0, 0)) == (0, 0)
    assert pos.point((0, 1)) == (0, 1)
    assert pos.point((0, 3)) == (0, 2)
    assert pos.point((0, 7)) == (0, 4)  # the emoji is a surrogate pair: 2 units
    assert pos.point((1, 2)) == (1, 2)


def test_line_count() -> None:
    assert ext("python", "").lines == 0
    assert ext("python", "x = 1").lines == 1
    assert ext("python", "x = 1\n").lines == 1
    assert ext("python", "x = 1\ny = 2").lines == 2
    assert ext("python", "\n\n").lines == 2


def test_digest_depends_on_content() -> None:
    a = ext("python", "x = 1\n")
    b = ext("python", "x = 1\n")
    c = ext("python", "x = 2\n")
    assert a.digest == b.digest
    assert a.digest != c.digest


# -- Python -----------------------------------------------------------------------

PY_DEFS = '''\
import os

@decorator
@app.route("/x")
class Outer(Base, mod.Mixin, metaclass=Meta):
    """Outer doc.

    More text."""

    @property
    def value(self) -> int:
        """Value doc."""
        return self._v

    class Inner:
        def deep(self, a, b=1):
            def local():
                pass
            return local


def top(x, *args, **kw) -> "Outer":
    return Outer()  # a comment is not a Python docstring
'''


def test_python_symbols() -> None:
    fi = ext("python", PY_DEFS)
    assert fi.lang == "python"
    assert not fi.has_error
    assert quals(fi) == [
        "Outer",
        "Outer.value",
        "Outer.Inner",
        "Outer.Inner.deep",
        "Outer.Inner.deep.local",
        "top",
    ]
    kinds = {s.qualname: (s.kind, s.parent) for s in fi.symbols}
    assert kinds == {
        "Outer": ("class", ""),
        "Outer.value": ("method", "Outer"),
        "Outer.Inner": ("class", "Outer"),
        "Outer.Inner.deep": ("method", "Outer.Inner"),
        "Outer.Inner.deep.local": ("function", "Outer.Inner.deep"),
        "top": ("function", ""),
    }


def test_python_ranges_include_decorators() -> None:
    fi = ext("python", PY_DEFS)
    outer = sym(fi, "Outer")
    assert outer.start == (2, 0)  # the first decorator, not the `class` line
    assert outer.end == (18, 24)
    assert outer.name_start == (4, 6)
    assert outer.name_end == (4, 11)
    src = PY_DEFS.encode()
    assert src[outer.start_byte : outer.end_byte].startswith(b"@decorator\n@app.route")
    assert src[outer.start_byte : outer.end_byte].endswith(b"return local")

    value = sym(fi, "Outer.value")
    assert value.start == (9, 4)  # `@property`
    assert value.end == (12, 22)
    assert value.name_start == (10, 8)
    assert value.name_end == (10, 13)

    inner = sym(fi, "Outer.Inner")
    assert (inner.start, inner.end) == ((14, 4), (18, 24))
    local = sym(fi, "Outer.Inner.deep.local")
    assert (local.start, local.end) == ((16, 12), (17, 20))
    top = sym(fi, "top")
    assert (top.start, top.end) == ((21, 0), (22, 57))


def test_python_signatures_and_docs() -> None:
    fi = ext("python", PY_DEFS)
    outer = sym(fi, "Outer")
    assert outer.signature == "class Outer(Base, mod.Mixin, metaclass=Meta)"
    assert outer.doc.startswith("Outer doc.")
    assert outer.doc.endswith("More text.")
    assert '"' not in outer.doc
    value = sym(fi, "Outer.value")
    assert value.signature == "def value(self) -> int"
    assert value.doc == "Value doc."
    assert sym(fi, "Outer.Inner").signature == "class Inner"
    assert sym(fi, "Outer.Inner.deep").signature == "def deep(self, a, b=1)"
    assert sym(fi, "Outer.Inner.deep").doc == ""
    top = sym(fi, "top")
    assert top.signature == 'def top(x, *args, **kw) -> "Outer"'
    assert top.doc == ""


def test_python_signature_excludes_trailing_comment() -> None:
    fi = ext("python", "def f(x):  # why f exists\n    return x\n")
    assert sym(fi, "f").signature == "def f(x)"


@pytest.mark.parametrize(
    ("body", "doc"),
    [
        ("'''single quoted triple'''", "single quoted triple"),
        ("r'''raw doc'''", "raw doc"),
        ('"plain string"', "plain string"),
        ("x = 'not a doc'", ""),
        ("pass", ""),
    ],
)
def test_python_docstring_forms(body: str, doc: str) -> None:
    fi = ext("python", f"def f():\n    {body}\n")
    assert sym(fi, "f").doc == doc


def test_python_long_signature_and_doc_are_capped() -> None:
    params = ", ".join(f"p{i}" for i in range(200))
    fi = ext("python", f'def f({params}):\n    """{"d" * 2000}"""\n')
    f = sym(fi, "f")
    assert 0 < len(f.signature) <= 240
    assert f.signature.startswith("def f(p0, p1")
    assert len(f.doc) <= 601
    assert f.doc.endswith("…")


def test_python_refs_and_scopes() -> None:
    fi = ext("python", PY_DEFS)
    assert refs(fi) == [
        ("call", None, "decorator", ""),
        ("call", "app", "route", ""),  # a call decorator is a plain call
        ("inherit", None, "Base", "Outer"),
        ("inherit", "mod", "Mixin", "Outer"),
        ("call", None, "property", "Outer"),  # decorators run in the enclosing scope
        ("call", None, "Outer", "top"),
    ]
    base = fi.refs[2]
    assert (base.start, base.end) == ((4, 12), (4, 16))
    mixin = fi.refs[3]
    assert (mixin.start, mixin.end) == ((4, 22), (4, 27))  # the name in `mod.Mixin`, as for calls


def test_python_call_receivers() -> None:
    src = """\
class A(B):
    def m(self):
        self.x()
        a.b.c()
        super().m()
        cls.k()
        make().run()
        items[0].pop()
        plain()
"""
    fi = ext("python", src)
    assert refs(fi) == [
        ("inherit", None, "B", "A"),
        ("call", "self", "x", "A.m"),
        ("call", "a.b", "c", "A.m"),
        ("call", None, "super", "A.m"),
        ("call", "super()", "m", "A.m"),
        ("call", "cls", "k", "A.m"),
        ("call", None, "make", "A.m"),
        ("call", "make()", "run", "A.m"),  # the resolver decides whether make is a class
        ("call", "?", "pop", "A.m"),
        ("call", None, "plain", "A.m"),
    ]
    x = fi.refs[1]
    # The range is the called name, not the whole call.
    assert (x.start, x.end) == ((2, 13), (2, 14))


def test_python_super_with_arguments_is_super_receiver() -> None:
    fi = ext("python", "class A(B):\n    def m(self):\n        super(A, self).m()\n")
    assert ("call", "super()", "m", "A.m") in refs(fi)


def test_python_module_level_and_nested_scopes() -> None:
    src = """\
setup()
def f():
    g()
    def inner():
        h()
    k()
lst = [x() for x in y]
"""
    fi = ext("python", src)
    assert refs(fi) == [
        ("call", None, "setup", ""),
        ("call", None, "g", "f"),
        ("call", None, "h", "f.inner"),
        ("call", None, "k", "f"),
        ("call", None, "x", ""),
    ]


def test_python_utf16_columns() -> None:
    src = 'def fé(): pass\nclass A:\n    s = "é😀"; y = g()\n'
    fi = ext("python", src)
    f = sym(fi, "fé")
    assert f.name == "fé"
    assert (f.name_start, f.name_end) == ((0, 4), (0, 6))  # 7 in bytes
    assert f.end == (0, 14)
    a = sym(fi, "A")
    # `    s = "é😀"; y = g()`: 22 UTF-16 units, 25 bytes
    assert a.end == (2, 22)
    (g,) = fi.refs
    assert (g.start, g.end) == ((2, 19), (2, 20))
    assert src.encode()[g.byte : g.byte + 1] == b"g"


def test_python_imports() -> None:
    src = """\
import os, a.b.c, x as y
from . import m
from ..pkg.mod import f as g, h
from x import *
from .sub import (p, q as r)
from .. import up
import a.b as ab
"""
    fi = ext("python", src)
    assert imports(fi) == [
        ("os", None, "os"),
        ("a.b.c", None, "a.b.c"),
        ("x", None, "y"),
        (".", "m", "m"),
        ("..pkg.mod", "f", "g"),
        ("..pkg.mod", "h", "h"),
        ("x", "*", ""),
        (".sub", "p", "p"),
        (".sub", "q", "r"),
        ("..", "up", "up"),
        ("a.b", None, "ab"),
    ]
    assert [i.line for i in fi.imports] == [0, 0, 0, 1, 2, 2, 3, 4, 4, 5, 6]
    assert all(isinstance(i, Import) for i in fi.imports)


def test_python_function_level_import() -> None:
    fi = ext("python", "def f():\n    from .lazy import thing\n    thing()\n")
    assert imports(fi) == [(".lazy", "thing", "thing")]
    assert fi.imports[0].line == 1


def test_python_hints() -> None:
    src = """\
x = Foo()
y = make()
class C:
    def __init__(self):
        self.a = mod.Bar(1)
        other.b = Baz()
        z = Qux()
        w: int = Nope()  # the annotation wins, and `int` is no class of ours
        v: "Opt | None" = None
    def run(self, p: Pay, q: Optional[mod.Q] = None, r: list[int] = []):
        self.p = p
"""
    fi = ext("python", src)
    assert [(h.scope, h.var, h.type_expr) for h in fi.hints] == [
        ("", "x", "Foo"),
        ("C.__init__", "self.a", "mod.Bar"),
        ("C.__init__", "z", "Qux"),
        ("C.__init__", "v", "Opt"),
        ("C.run", "p", "Pay"),
        ("C.run", "q", "mod.Q"),
        ("C.run", "self.p", "=p"),  # resolved through the parameter's annotation
    ]


# -- JavaScript ---------------------------------------------------------------------

JS_SRC = """\
import def1 from './foo';
import { a, b as c } from "../lib/bar.js";
import * as ns from './ns';
import './side';
import d2, { e } from './mix';
const req = require('./req');
/**
 * Adds numbers.
 * @param a
 */
export function add(a, b) { return helper(a) + ns.f(); }
// Base doc
class Base { m() {} }
export default class Widget extends Base {
  // ctor doc
  constructor() { super(); this.m(); new Foo(); new ns.Bar(); }
  m() { super.m(); a.b.c(); }
}
const s = "é😀"; function after() {}
const arrow = (x) => { return x * 2; };
const fexpr = function named() {};
function* gen() {}
// detached comment

function outer() { const inner = () => 1; return inner(); }
"""


def test_js_symbols() -> None:
    fi = ext("javascript", JS_SRC)
    assert not fi.has_error
    got = [(s.qualname, s.kind, s.parent) for s in fi.symbols]
    assert got == [
        ("add", "function", ""),
        ("Base", "class", ""),
        ("Base.m", "method", "Base"),
        ("Widget", "class", ""),
        ("Widget.constructor", "method", "Widget"),
        ("Widget.m", "method", "Widget"),
        ("after", "function", ""),
        ("arrow", "function", ""),
        ("fexpr", "function", ""),
        ("gen", "function", ""),
        ("outer", "function", ""),
        ("outer.inner", "function", "outer"),
    ]
    assert fi.default_export == "Widget"


def test_js_ranges_and_utf16() -> None:
    fi = ext("javascript", JS_SRC)
    after = sym(fi, "after")
    # `const s = "é😀"; ` is 20 bytes but 17 UTF-16 units.
    assert after.start == (18, 17)
    assert (after.name_start, after.name_end) == ((18, 26), (18, 31))
    assert after.end == (18, 36)
    widget = sym(fi, "Widget")
    assert (widget.start, widget.end) == ((13, 15), (17, 1))
    assert (widget.name_start, widget.name_end) == ((13, 21), (13, 27))
    # An arrow function assigned to a const spans the whole declaration.
    arrow = sym(fi, "arrow")
    assert (arrow.start, arrow.end) == ((19, 0), (19, 39))
    assert (arrow.name_start, arrow.name_end) == ((19, 6), (19, 11))
    inner = sym(fi, "outer.inner")
    assert inner.start == (24, 19)


def test_js_signatures_and_docs() -> None:
    fi = ext("javascript", JS_SRC)
    add = sym(fi, "add")
    assert add.signature == "function add(a, b)"
    assert add.doc == "Adds numbers.\n@param a"  # comment before `export` counts
    assert sym(fi, "Base").doc == "Base doc"
    assert sym(fi, "Widget.constructor").doc == "ctor doc"
    assert sym(fi, "Widget.constructor").signature == "constructor()"
    assert sym(fi, "Widget").signature == "class Widget extends Base"
    assert sym(fi, "gen").signature == "function* gen()"
    assert sym(fi, "Widget.m").doc == ""
    # A comment separated by a blank line is not a doc comment.
    assert sym(fi, "outer").doc == ""


def test_js_single_line_block_comment_doc() -> None:
    fi = ext("javascript", "/** Adds two numbers. */\nfunction add(a, b) { return a + b; }\n")
    assert sym(fi, "add").doc == "Adds two numbers."


def test_js_arrow_signature_stops_at_body() -> None:
    fi = ext("javascript", "const arrow = (x) => { return x * 2; };\n")
    sig = sym(fi, "arrow").signature
    assert "arrow" in sig
    assert "(x)" in sig
    assert "return" not in sig


def test_js_refs() -> None:
    fi = ext("javascript", JS_SRC)
    assert refs(fi) == [
        ("call", None, "require", ""),
        ("call", None, "helper", "add"),
        ("call", "ns", "f", "add"),
        ("inherit", None, "Base", "Widget"),
        ("call", "this", "m", "Widget.constructor"),
        ("call", None, "Foo", "Widget.constructor"),  # `new Foo()`
        ("call", "ns", "Bar", "Widget.constructor"),  # `new ns.Bar()`
        ("call", "super()", "m", "Widget.m"),
        ("call", "a.b", "c", "Widget.m"),
        ("call", None, "inner", "outer"),
    ]


def test_js_imports() -> None:
    fi = ext("javascript", JS_SRC)
    assert imports(fi) == [
        ("./foo", "default", "def1"),
        ("../lib/bar.js", "a", "a"),
        ("../lib/bar.js", "b", "c"),
        ("./ns", None, "ns"),
        ("./side", None, ""),
        ("./mix", "default", "d2"),
        ("./mix", "e", "e"),
        ("./req", None, "req"),
    ]
    assert [i.line for i in fi.imports] == [0, 1, 1, 2, 3, 4, 4, 5]


def test_js_destructured_require() -> None:
    fi = ext("javascript", "const { r1, r2: alias } = require('./destr');\n")
    assert imports(fi) == [("./destr", "r1", "r1"), ("./destr", "r2", "alias")]


@pytest.mark.parametrize(
    ("src", "default"),
    [
        ("export default function foo() {}\n", "foo"),
        ("export default class Foo {}\n", "Foo"),
        ("export function foo() {}\n", ""),
        ("export default () => 1;\n", ""),
    ],
)
def test_js_default_export(src: str, default: str) -> None:
    assert ext("javascript", src).default_export == default


def test_js_default_export_of_identifier() -> None:
    assert ext("javascript", "function foo() {}\nexport default foo;\n").default_export == "foo"


# -- TypeScript / TSX -----------------------------------------------------------------

TS_SRC = """\
import type { T } from './types';
import { x as y } from './x.js';
// I doc
export interface I extends J, K { x(): void }
/**
 * Alias doc
 */
type Alias = string | number;
enum Color { Red, Green }
export abstract class Abs<U> extends Base<U> implements I, L {
  abstract run(): void;
  go(): void { this.run(); }
}
const f = (a: number): number => a + 1;
"""


def test_ts_symbols() -> None:
    fi = ext("typescript", TS_SRC)
    assert not fi.has_error
    got = [(s.qualname, s.kind, s.parent) for s in fi.symbols]
    assert got == [
        ("I", "interface", ""),
        ("Alias", "type", ""),
        ("Color", "type", ""),
        ("Abs", "class", ""),
        ("Abs.go", "method", "Abs"),
        ("f", "function", ""),
    ]
    assert sym(fi, "I").doc == "I doc"
    assert sym(fi, "I").signature == "interface I extends J, K"
    assert sym(fi, "Alias").doc == "Alias doc"
    assert sym(fi, "Color").signature == "enum Color"
    assert sym(fi, "Abs").signature == "abstract class Abs<U> extends Base<U> implements I, L"
    assert sym(fi, "Abs.go").signature == "go(): void"
    abs_ = sym(fi, "Abs")
    assert (abs_.start, abs_.end) == ((9, 7), (12, 1))


def test_ts_refs_and_imports() -> None:
    fi = ext("typescript", TS_SRC)
    assert refs(fi) == [
        ("inherit", None, "J", "I"),
        ("inherit", None, "K", "I"),
        ("inherit", None, "Base", "Abs"),
        ("inherit", None, "I", "Abs"),
        ("inherit", None, "L", "Abs"),
        ("call", "this", "run", "Abs.go"),
    ]
    assert imports(fi) == [("./types", "T", "T"), ("./x.js", "x", "y")]


def test_tsx_component_and_jsx_calls() -> None:
    src = """\
import React from 'react';
// App doc
export const App = () => <div onClick={() => handle()}>hi</div>;
class Comp extends React.Component<P> { render() { return <App/>; } }
"""
    fi = ext("tsx", src)
    assert not fi.has_error
    assert [(s.qualname, s.kind, s.parent) for s in fi.symbols] == [
        ("App", "function", ""),
        ("Comp", "class", ""),
        ("Comp.render", "method", "Comp"),
    ]
    assert sym(fi, "App").doc == "App doc"
    assert refs(fi) == [
        ("call", None, "handle", "App"),
        ("inherit", "React", "Component", "Comp"),
    ]
    assert imports(fi) == [("react", "default", "React")]


def test_tsx_generic_arrow_parses() -> None:
    fi = ext("tsx", "export const id = <T,>(x: T): T => x;\n")
    assert not fi.has_error
    assert quals(fi) == ["id"]


# -- Go ---------------------------------------------------------------------------------

GO_SRC = """\
package main

import (
\t"fmt"
\tstr "strings"
\t. "example.com/m/dot"
\t_ "example.com/m/blank"
\t"example.com/m/util"
)
import single "example.com/m/one"

// Thing is a thing.
// Second line.
type Thing struct {
\tA int
}

// Runner runs.
type Runner interface {
\tRun() error
}

type (
\tGA struct{}
\tGB int
)

type Handler func(int) error

type List[T any] struct{ items []T }

// Run runs the thing.
func (t *Thing) Run(x int) error {
\tt.helper()
\tfmt.Println(str.ToUpper("x"))
\tutil.Do()
\treturn nil
}

func (l *List[T]) Push(v T) { l.items = append(l.items, v) }

func main() { s := "é😀"; _ = s; New() }
"""


def test_go_symbols() -> None:
    fi = ext("go", GO_SRC)
    assert not fi.has_error
    got = [(s.qualname, s.name, s.kind, s.parent) for s in fi.symbols]
    assert got == [
        ("Thing", "Thing", "class", ""),
        ("Runner", "Runner", "interface", ""),
        ("GA", "GA", "class", ""),
        ("GB", "GB", "type", ""),
        ("Handler", "Handler", "type", ""),
        ("List", "List", "class", ""),
        ("Thing.Run", "Run", "method", ""),
        ("List.Push", "Push", "method", ""),  # generic receiver
        ("main", "main", "function", ""),
    ]


def test_go_ranges_docs_signatures() -> None:
    fi = ext("go", GO_SRC)
    thing = sym(fi, "Thing")
    assert (thing.start, thing.end) == ((13, 0), (15, 1))  # includes `type`
    assert (thing.name_start, thing.name_end) == ((13, 5), (13, 10))
    assert thing.doc == "Thing is a thing.\nSecond line."
    assert sym(fi, "Runner").doc == "Runner runs."
    ga = sym(fi, "GA")
    assert (ga.start, ga.end) == ((23, 1), (23, 12))  # in a group: just the spec
    run = sym(fi, "Thing.Run")
    assert run.signature == "func (t *Thing) Run(x int) error"
    assert run.doc == "Run runs the thing."
    assert (run.start, run.end) == ((32, 0), (37, 1))
    assert (run.name_start, run.name_end) == ((32, 16), (32, 19))
    assert sym(fi, "List.Push").signature == "func (l *List[T]) Push(v T)"
    assert sym(fi, "main").signature == "func main()"


def test_go_refs() -> None:
    fi = ext("go", GO_SRC)
    assert refs(fi) == [
        ("call", "t", "helper", "Thing.Run"),
        ("call", "fmt", "Println", "Thing.Run"),
        ("call", "str", "ToUpper", "Thing.Run"),
        ("call", "util", "Do", "Thing.Run"),
        ("call", None, "append", "List.Push"),
        ("call", None, "New", "main"),
    ]
    new = fi.refs[-1]
    # `func main() { s := "é😀"; _ = s; ` is 36 bytes, 33 UTF-16 units.
    assert (new.start, new.end) == ((41, 33), (41, 36))


def test_go_imports() -> None:
    fi = ext("go", GO_SRC)
    assert imports(fi) == [
        ("fmt", None, "fmt"),
        ("strings", None, "str"),
        ("example.com/m/dot", None, "."),
        ("example.com/m/blank", None, "_"),
        ("example.com/m/util", None, "util"),
        ("example.com/m/one", None, "single"),
    ]
    assert [i.line for i in fi.imports] == [3, 4, 5, 6, 7, 9]


def test_go_utf16_symbol_column() -> None:
    fi = ext("go", 'package m\n\nvar s = "é😀"; func after() {}\n')
    after = sym(fi, "after")
    assert after.start == (2, 15)  # 18 in bytes
    assert (after.name_start, after.name_end) == ((2, 20), (2, 25))
    assert after.end == (2, 30)


def test_go_type_alias_is_a_symbol() -> None:
    fi = ext("go", "package m\n\ntype Thing struct{}\n\ntype Alias = Thing\n")
    assert quals(fi) == ["Thing", "Alias"]


def test_go_grouped_type_docs() -> None:
    src = "package m\n\ntype (\n\t// A is a.\n\tA struct{}\n\t// B is b.\n\tB int\n)\n"
    fi = ext("go", src)
    assert sym(fi, "A").doc == "A is a."
    assert sym(fi, "B").doc == "B is b."


# -- syntax errors and odd input ------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "src", "expected"),
    [
        ("python", "def a():\n    pass\n\nx = = 1\n\ndef c():\n    pass\n", ["a", "c"]),
        ("python", "def a():\n    pass\n\ndef b(:\n    pass\n\ndef c():\n    pass\n", ["a", "b", "c"]),
        ("python", "def a():\n    pass\n$$$ ???\ndef c():\n    pass\n", ["a", "c"]),
        (
            "python",
            "class A:\n    def m(self):\n        return )\n\nclass B:\n    def n(self): pass\n",
            ["A", "A.m", "B", "B.n"],
        ),
        ("javascript", "function a() {}\nconst x = = 1;\nfunction c() {}\n", ["a", "c"]),
        ("javascript", "function a() { let = ; }\nfunction c() {}\n", ["a", "c"]),
        ("typescript", "function a(): void {}\nlet x: = ;\nclass C {}\n", ["a", "C"]),
        ("go", "package m\nfunc a() { x := := 1 }\nfunc c() {}\n", ["a", "c"]),
        ("go", "package m\nfunc a() {}\n)))\nfunc c() {}\n", ["a", "c"]),
    ],
)
def test_syntax_error_mid_file_keeps_symbols_around_it(lang: str, src: str, expected: list[str]) -> None:
    fi = ext(lang, src)
    assert fi.has_error
    assert quals(fi) == expected


@pytest.mark.xfail(
    strict=True,
    reason="LIMITATION: an unclosed bracket mid-file (the usual state while typing) swallows every later definition",
)
def test_unclosed_call_mid_file_keeps_later_symbols() -> None:
    fi = ext("python", "def a():\n    pass\n\nx = foo(1, 2\n\ndef c():\n    pass\n\ndef d():\n    pass\n")
    assert quals(fi) == ["a", "c", "d"]


@pytest.mark.parametrize("lang", ["python", "javascript", "typescript", "tsx", "go"])
@pytest.mark.parametrize(
    "src",
    [b"", b"\n\n\n", b"@@@ ))) ((( def def class ::: {{{ ]]] func", b"\xff\xfe\x00\x01garbage\x80", b"(" * 2000],
)
def test_garbage_does_not_crash(lang: str, src: bytes) -> None:
    fi = ext(lang, src)
    assert fi.lang == lang
    for s in fi.symbols:
        assert s.start <= s.name_start <= s.name_end <= s.end
    for r in fi.refs:
        assert r.start <= r.end


def test_empty_file() -> None:
    fi = ext("python", "")
    assert (fi.symbols, fi.refs, fi.imports, fi.hints) == ([], [], [], [])
    assert fi.lines == 0
    assert not fi.has_error


def test_invalid_utf8_is_extracted() -> None:
    src = b'def f():\n    return "\xff\xfe"; g()\ndef g(): pass\n'
    fi = ext("python", src)
    assert quals(fi) == ["f", "g"]
    (call,) = fi.refs
    assert call.name == "g"
    assert call.scope == "f"
    # Each invalid byte decodes to one U+FFFD: one UTF-16 unit.
    assert call.start == (1, 17)
