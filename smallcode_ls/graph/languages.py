"""Supported languages: which files, which grammar wheel, which query.

Adding a language is one `LanguageSpec` entry: file extensions, a loader for the
grammar from its PyPI wheel, and a query whose captures follow the names below.
The extractor (`extract.py`) turns the captures into symbols and references:

  @def        a definition node (class, function, method, interface, type);
              its kind comes from `def_kinds`, its name from the `name` field
  @call       a call (or `new`) node; the callee is its `function` or
              `constructor` field: a bare name or `receiver.name`
  @import     an import statement, read by the language's `read_imports`
  @inherit    a base class / interface expression inside a class header
  @decorator  a decorator expression that is not itself a call
  @hint       `x = Cls(...)`, `x: Cls = ...`, `self.x = param`: cheap local type hints (Python)
  @typed_param  a parameter with a type annotation (Python)
  @require    `const x = require("mod")` or `const {a} = require(...)` (JavaScript)
  @export_default  `export default name;` (JavaScript/TypeScript)
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import tree_sitter as ts


@dataclass(frozen=True)
class LanguageSpec:
    name: str
    extensions: tuple[str, ...]
    load: Callable[[], object]
    query: str
    def_kinds: dict[str, str]
    # Node types whose body children may be methods (for method vs function).
    class_types: frozenset[str] = frozenset()
    # Receiver spellings that mean "the enclosing class".
    self_names: frozenset[str] = frozenset()
    _cache: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    @property
    def language(self) -> ts.Language:
        lang = self._cache.get("language")
        if lang is None:
            lang = ts.Language(self.load())
            self._cache["language"] = lang
        return lang  # type: ignore[return-value]

    @property
    def compiled_query(self) -> ts.Query:
        query = self._cache.get("query")
        if query is None:
            query = ts.Query(self.language, self.query)
            self._cache["query"] = query
        return query  # type: ignore[return-value]


def _python() -> object:
    import tree_sitter_python

    return tree_sitter_python.language()


def _javascript() -> object:
    import tree_sitter_javascript

    return tree_sitter_javascript.language()


def _typescript() -> object:
    import tree_sitter_typescript

    return tree_sitter_typescript.language_typescript()


def _tsx() -> object:
    import tree_sitter_typescript

    return tree_sitter_typescript.language_tsx()


def _go() -> object:
    import tree_sitter_go

    return tree_sitter_go.language()


PYTHON_QUERY = """
(class_definition) @def
(function_definition) @def
(call function: [(identifier) (attribute)]) @call
(import_statement) @import
(import_from_statement) @import
(class_definition superclasses: (argument_list [(identifier) (attribute)] @inherit))
(decorator [(identifier) (attribute)] @decorator)
(assignment left: [(identifier) (attribute)] right: (call function: [(identifier) (attribute)])) @hint
(assignment left: [(identifier) (attribute)] type: (type)) @hint
(assignment left: (attribute) right: (identifier)) @hint
(typed_parameter) @typed_param
(typed_default_parameter) @typed_param
"""

JS_COMMON = """
(function_declaration) @def
(generator_function_declaration) @def
(class_declaration) @def
(method_definition) @def
(variable_declarator name: (identifier) value: [(arrow_function) (function_expression)]) @def
(call_expression function: [(identifier) (member_expression)]) @call
(new_expression constructor: [(identifier) (member_expression)]) @call
(import_statement) @import
(variable_declarator
  name: [(identifier) (object_pattern)]
  value: (call_expression function: (identifier) arguments: (arguments (string)))) @require
(export_statement value: (identifier) @export_default)
"""

JAVASCRIPT_QUERY = (
    JS_COMMON
    + """
(class_heritage [(identifier) (member_expression)] @inherit)
"""
)

TYPESCRIPT_QUERY = (
    JS_COMMON
    + """
(abstract_class_declaration) @def
(interface_declaration) @def
(type_alias_declaration) @def
(enum_declaration) @def
(extends_clause value: [(identifier) (member_expression)] @inherit)
(implements_clause (type_identifier) @inherit)
(extends_type_clause type: (type_identifier) @inherit)
"""
)

GO_QUERY = """
(function_declaration) @def
(method_declaration) @def
(type_spec) @def
(type_alias) @def
(call_expression function: [(identifier) (selector_expression)]) @call
(import_spec) @import
"""

JS_KINDS = {
    "function_declaration": "function",
    "generator_function_declaration": "function",
    "class_declaration": "class",
    "method_definition": "method",
    "variable_declarator": "function",
}
TS_KINDS = JS_KINDS | {
    "abstract_class_declaration": "class",
    "interface_declaration": "interface",
    "type_alias_declaration": "type",
    "enum_declaration": "type",
}

LANGUAGES: dict[str, LanguageSpec] = {
    spec.name: spec
    for spec in (
        LanguageSpec(
            "python",
            (".py", ".pyi"),
            _python,
            PYTHON_QUERY,
            {"class_definition": "class", "function_definition": "function"},
            frozenset({"class_definition"}),
            frozenset({"self", "cls"}),
        ),
        LanguageSpec(
            "javascript",
            (".js", ".mjs", ".cjs", ".jsx"),
            _javascript,
            JAVASCRIPT_QUERY,
            JS_KINDS,
            frozenset({"class_declaration"}),
            frozenset({"this"}),
        ),
        LanguageSpec(
            "typescript",
            (".ts", ".mts", ".cts"),
            _typescript,
            TYPESCRIPT_QUERY,
            TS_KINDS,
            frozenset({"class_declaration", "abstract_class_declaration"}),
            frozenset({"this"}),
        ),
        LanguageSpec(
            "tsx",
            (".tsx",),
            _tsx,
            TYPESCRIPT_QUERY,
            TS_KINDS,
            frozenset({"class_declaration", "abstract_class_declaration"}),
            frozenset({"this"}),
        ),
        LanguageSpec(
            "go",
            (".go",),
            _go,
            GO_QUERY,
            {
                "function_declaration": "function",
                "method_declaration": "method",
                "type_spec": "type",
                "type_alias": "type",
            },
        ),
    )
}

_BY_EXTENSION = {ext: spec for spec in LANGUAGES.values() for ext in spec.extensions}


def language_for(path: str | Path, enabled: frozenset[str] | None = None) -> LanguageSpec | None:
    spec = _BY_EXTENSION.get(Path(path).suffix.lower())
    if spec is None or (enabled is not None and spec.name not in enabled):
        return None
    return spec


# tree-sitter parsers are not safe to share between threads; the server parses
# on its event loop and in an indexing thread at the same time.
_local = threading.local()


def parser_for(spec: LanguageSpec) -> ts.Parser:
    parsers: dict[str, ts.Parser] | None = getattr(_local, "parsers", None)
    if parsers is None:
        parsers = _local.parsers = {}
    parser = parsers.get(spec.name)
    if parser is None:
        parser = parsers[spec.name] = ts.Parser(spec.language)
    return parser
