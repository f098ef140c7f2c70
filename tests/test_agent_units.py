"""Units, reply parsing and imports: the pure parts of the agent."""

from __future__ import annotations

from smallcode_ls.agent.engine import _reply_scope
from smallcode_ls.agent.replies import add_imports, code_blocks, defines_name, parse_edit
from smallcode_ls.agent.units import (
    CodeUnit,
    find_symbol,
    is_stub,
    replace_unit,
    stubs_in,
    unit_at_line,
    unit_for_symbol,
)
from smallcode_ls.graph.languages import language_for

SRC = '''import os


class Box:
    """A box."""

    size = 3

    def area(self):
        return self.size * self.size

    def label(self):
        return "box"


def top():
    x = 1
    return x
'''
PY = language_for("m.py")
assert PY is not None


def unit(name: str):  # type: ignore[no-untyped-def]
    sym = find_symbol("m.py", SRC, name)
    assert sym is not None
    return unit_for_symbol("m.py", SRC, sym)


def test_unit_at_line_prefers_the_smallest_function() -> None:
    assert unit_at_line("m.py", SRC, 9).name == "Box.area"
    assert unit_at_line("m.py", SRC, 6).name == "Box"  # class body, small class
    window = unit_at_line("m.py", SRC, 0)
    assert window.kind == "window" and window.start_line == 0


def test_replace_unit_keeps_the_rest() -> None:
    area = unit("Box.area")
    new = replace_unit(SRC, area, "    def area(self):\n        return 9")
    assert "return 9" in new and "def label" in new and new.count("def area") == 1


def test_fenced_unfenced_and_unterminated_blocks() -> None:
    assert code_blocks("text\n```python\nx = 1\n```\nmore") == ["x = 1"]
    assert code_blocks("Sure:\ndef f():\n    return 1") == ["def f():\n    return 1"]
    assert code_blocks("```\ndef f():\n    pass") == ["def f():\n    pass"]
    assert code_blocks("no code here") == []


def test_parse_edit_reindents_a_method_sent_at_column_zero() -> None:
    reply = "```python\ndef area(self):\n    return self.size ** 2\n```"
    edit = parse_edit(reply, unit("Box.area"), SRC, PY)
    assert edit is not None
    assert edit.new_text == "    def area(self):\n        return self.size ** 2"


def test_parse_edit_takes_the_method_out_of_a_whole_class_or_file() -> None:
    reply = (
        "```python\nimport math\nimport collections\n\nclass Box:\n    def area(self):\n"
        "        return math.prod([self.size, self.size])\n\n    def label(self):\n        return 'BOX'\n```"
    )
    edit = parse_edit(reply, unit("Box.area"), SRC, PY)
    assert edit is not None
    assert edit.new_text.startswith("    def area(self):") and "math.prod" in edit.new_text
    assert edit.imports == ["import math"]  # collections is not used by what we keep
    assert edit.others == {"Box.label": "    def label(self):\n        return 'BOX'"}


LEDGER_JS = """export class Ledger {
  constructor() {
    this.lots = [];
  }

  /** Oldest lot first. */
  async take(n) {
    return this.lots.pop();
  }
}
"""


def test_parse_edit_reads_a_javascript_method_sent_on_its_own() -> None:
    # Outside a class `take(n) { ... }` parses as a call and a block; the edit is still the method.
    spec = language_for("l.js")
    assert spec is not None
    sym = find_symbol("l.js", LEDGER_JS, "Ledger.take")
    assert sym is not None
    take = unit_for_symbol("l.js", LEDGER_JS, sym)
    reply = "```javascript\n  async take(n) {\n    return this.lots.shift();\n  }\n```"
    edit = parse_edit(reply, take, LEDGER_JS, spec)
    assert edit is not None
    assert edit.new_text == "  async take(n) {\n    return this.lots.shift();\n  }"
    body_only = parse_edit("```javascript\nreturn this.lots.shift();\n```", take, LEDGER_JS, spec)
    assert body_only is not None
    assert body_only.new_text == "  async take(n) {\n      return this.lots.shift();\n  }"
    closed = parse_edit("```javascript\nreturn this.lots.shift();\n}\n```", take, LEDGER_JS, spec)
    assert closed is not None and closed.new_text == body_only.new_text


def test_defines_knows_javascript_method_headers() -> None:
    assert defines_name("  async take(n) {\n    return 1;\n  }", "take")
    assert defines_name("  get total(): number {", "total")
    assert defines_name("def take(n):\n    return 1", "take") and defines_name("export function take(n) {", "take")
    assert not defines_name("  const x = take(n);", "take") and not defines_name("  take(n);", "take")


def test_a_window_answered_with_its_whole_javascript_method_is_the_method() -> None:
    lines = LEDGER_JS.split("\n")
    window = CodeUnit("l.js", "lines 8-8", "window", 7, 7, lines[7], "    ")
    reply = "```javascript\n  async take(n) {\n    return this.lots.shift();\n  }\n```"
    scope = _reply_scope("l.js", LEDGER_JS, window, reply)
    assert scope.kind == "method" and scope.name == "Ledger.take"
    assert _reply_scope("l.js", LEDGER_JS, window, "```javascript\n    return this.lots.shift();\n```") is window


def test_parse_edit_repairs_a_body_indented_too_far() -> None:
    reply = "```python\ndef top():\n        x = 2\n        return x\n```"
    edit = parse_edit(reply, unit("top"), SRC, PY)
    assert edit is not None and edit.new_text == "def top():\n    x = 2\n    return x"


def test_parse_edit_rejects_code_for_something_else() -> None:
    assert parse_edit("```python\ndef other():\n    return 1\n```", unit("top"), SRC, PY) is None
    assert parse_edit("I would rename the variable.", unit("top"), SRC, PY) is None


def test_parse_edit_accepts_a_bare_body() -> None:
    edit = parse_edit("```python\nreturn 42\n```", unit("top"), SRC, PY)
    assert edit is not None and edit.new_text == "def top():\n    return 42"


def test_stubs() -> None:
    code = '''def a():
    """Docs only."""


def b():
    pass


def c():
    raise NotImplementedError("later")


def d():
    ...


def e():
    return 1
'''
    assert [u.name for u in stubs_in("s.py", code)] == ["a", "b", "c", "d"]
    sym = find_symbol("s.py", code, "e")
    assert sym is not None and not is_stub("s.py", code, sym)
    js = "function f() {}\nfunction g() { throw new Error('not implemented'); }\nfunction h() { return 1; }\n"
    assert [u.name for u in stubs_in("s.js", js)] == ["f", "g"]


def test_add_imports_after_the_docstring_and_existing_imports() -> None:
    code = '"""Doc\nstring."""\n\nimport os\n\n\ndef f():\n    pass\n'
    assert add_imports(code, ["import json"]).split("\n")[:5] == [
        '"""Doc',
        'string."""',
        "",
        "import os",
        "import json",
    ]
    assert add_imports("x = 1\n", ["import json"]).startswith("import json\nx = 1")


def test_a_window_answered_with_its_whole_function_is_taken_as_the_function() -> None:
    from smallcode_ls.agent.engine import _reply_scope

    code = "def long():\n    a = 1\n    b = 2\n    c = 3\n    d = 4\n    return a + b + c + d\n"
    sym = find_symbol("m.py", code, "long")
    assert sym is not None
    window = unit_for_symbol("m.py", code, sym).narrower(3, 0)
    assert window is not None and window.kind == "window"
    whole = "```python\ndef long():\n    return 10\n```"
    assert _reply_scope("m.py", code, window, whole).name == "long"
    assert _reply_scope("m.py", code, window, "```python\n    c = 30\n```") is window
