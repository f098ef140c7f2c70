"""The names an edit instruction brings in, asked of the named symbol's unit."""

from __future__ import annotations

from pathlib import Path

from smallcode_ls.agent.edit_targets import EditTargets
from smallcode_ls.graph import CodeGraph, IndexOptions, index_workspace
from smallcode_ls.workspace import Workspace


def targets_for(root: Path, files: dict[str, str]) -> EditTargets:
    for rel, text in files.items():
        (root / rel).write_text(text)
    graph = CodeGraph([str(root)])
    index_workspace(graph, IndexOptions(cache=False))
    return EditTargets(Workspace([str(root)]), graph)


def test_new_names_are_those_no_file_has_and_the_unit_does_not_use(tmp_path: Path) -> None:
    errors = "class ConfigError(Exception):\n    def __init__(self, msg, line):\n        self.line = line\n"
    parse = "def parse_env(text):\n    return dict(x.split('=') for x in text.splitlines())\n"
    targets = targets_for(tmp_path, {"errors.py": errors, "envfile.py": parse})
    instruction = (
        "Add a keyword-only `strict` parameter (default `False`) to `parse_env`: a malformed line raises "
        "`ConfigError` with its `line` attribute set; `text` stays the first parameter; `None` is not allowed."
    )
    # `line` is an attribute errors.py already has; `text` the unit uses; `parse_env`, `ConfigError` exist.
    assert targets.new_names(instruction, parse) == ["strict"]
    assert targets.new_names("Rename it to `parse_environment`.", parse) == ["parse_environment"]
    assert targets.new_names("Make `parse_env` faster.", parse) == []
