"""Imports for JavaScript and TypeScript names used but never imported."""

from __future__ import annotations

from pathlib import Path

from fakes.scripted_server import ScriptedServer, completion
from test_agent_engine import engine_for

from smallcode_ls.agent.js_imports import add_import, exports, import_spec, undeclared_names, undefined_names
from smallcode_ls.agent.tasks import Task


def test_undefined_names_from_node_typescript_and_eslint_messages() -> None:
    assert undefined_names("Fix the error 'toKilograms is not defined' in chargedWeight") == ["toKilograms"]
    assert undefined_names("Cannot find name 'formatHours'.") == ["formatHours"]
    assert undefined_names("ReferenceError: roundUp is not defined") == ["roundUp"]
    assert undefined_names("Type 'string' is not assignable") == []


def test_exports_in_es_and_commonjs_modules() -> None:
    assert exports("export function toKg(v) {}\n", "toKg")
    assert exports("export const toKg = (v) => v;\n", "toKg")
    assert exports("function toKg() {}\nexport { toKg, other };\n", "toKg")
    assert exports("module.exports = { toKg, other };\n", "toKg")
    assert exports("exports.toKg = toKg;\n", "toKg")
    assert not exports("function toKg() {}\n", "toKg")


def test_a_name_joins_an_import_of_its_module_in_order() -> None:
    text = 'import { decimalHours, parseDuration, type Minutes } from "./duration.js";\n\nconst x = 1;\n'
    new = add_import(text, "formatHours", "./duration.js")
    assert new.startswith('import { decimalHours, formatHours, type Minutes, parseDuration } from "./duration.js";\n')


def test_a_new_import_follows_the_last_one_in_the_files_style() -> None:
    es = '/** Rates. */\n\nimport { a } from "./a.js";\nimport { z } from "./z.js";\n\nexport const r = 1;\n'
    assert add_import(es, "toKg", "./units.js") == es.replace(
        'import { z } from "./z.js";\n', 'import { z } from "./z.js";\nimport { toKg } from "./units.js";\n'
    )
    cjs = '"use strict";\nconst { a } = require("./a");\n\nmodule.exports = { f };\n'
    assert 'const { a } = require("./a");\nconst { toKg } = require("./units");\n' in add_import(cjs, "toKg", "./units")
    bare = "/* Rates. */\nexport const r = toKg(1);\n"
    expected = '/* Rates. */\nimport { toKg } from "./units.js";\n\nexport const r = toKg(1);\n'
    assert add_import(bare, "toKg", "./units.js") == expected


def test_the_spec_follows_the_files_other_relative_imports() -> None:
    assert import_spec("/w/src/rates.js", 'import { a } from "./a.js";', "/w/src/units.js") == "./units.js"
    assert import_spec("/w/src/t.ts", 'import { a } from "./a.js";', "/w/src/lib/d.ts") == "./lib/d.js"
    assert import_spec("/w/src/t.ts", 'import { a } from "./a";', "/w/src/d.ts") == "./d"
    assert import_spec("/w/src/deep/t.js", "", "/w/src/units.js") == "../units.js"
    assert import_spec("/w/src/t.ts", "", "/w/src/d.ts") == "./d"


async def test_the_harness_imports_a_js_name_without_the_model(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "units.js").write_text("export function toKg(v) {\n  return v / 1000;\n}\n")
    rates = tmp_path / "src" / "rates.js"
    rates.write_text('import { other } from "./other.js";\n\nexport function charged(g) {\n  return toKg(g);\n}\n')
    (tmp_path / "src" / "other.js").write_text("export const other = 1;\n")
    with ScriptedServer([]) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("fix", path=str(rates), instruction="'toKg' is not defined", line=3))
        await router.aclose()
    assert outcome.status == "verified", (outcome.message, outcome.remaining)
    assert 'import { toKg } from "./units.js";\n' in outcome.changes[str(rates)]
    assert not server.chat_requests()


def test_undeclared_names_are_the_values_a_file_uses_but_never_binds() -> None:
    src = """import { a, b as c } from "./m.js";
import * as e from "./e.js";
export { passed } from "./p.js";
const { f, g: h, ...i } = obj;
function l(m, n = 2, ...o) { try {} catch (p) {} for (const q of [m]) {} }
class S { t(u) { return u + parseMoney(x) + { v } + Math.max(a, c, e, f, h, i, l, n, o) + new S(); } }
enum Kind { A }
const w = (y) => y + Kind.A;
const z = async (y2) => y2 + new Foo();
"""
    assert undeclared_names("x.ts", src) == ["obj", "parseMoney", "x", "v", "Foo"]


async def test_a_reply_using_a_workspace_function_gets_its_import(tmp_path: Path) -> None:
    # TypeScript reports `Cannot find name` only to a type check, which the harness cannot count on:
    # the file itself says which names it never binds.
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "money.ts").write_text("export function parseMoney(t: string): number {\n  return 1;\n}\n")
    split = tmp_path / "src" / "split.ts"
    split.write_text(
        'import { other } from "./other";\n\n'
        "/** The bill in cents. */\nexport function cents(text: string): number {\n  return 0;\n}\n"
    )
    (tmp_path / "src" / "other.ts").write_text("export const other = 1;\n")
    reply = "```typescript\nexport function cents(text: string): number {\n  return parseMoney(text);\n}\n```"
    with ScriptedServer([completion(reply)]) as server:
        engine, router = engine_for(tmp_path, server.url)
        outcome = await engine.run(Task("fix", path=str(split), instruction="cents returns 0", line=4))
        await router.aclose()
    assert outcome.status == "verified", (outcome.message, outcome.remaining)
    imports = 'import { other } from "./other";\nimport { parseMoney } from "./money";\n'
    assert outcome.changes[str(split)].startswith(imports)
