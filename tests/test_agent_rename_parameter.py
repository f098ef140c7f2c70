"""Renaming a parameter: the harness's plan and its refusals."""

from __future__ import annotations

import pytest

from smallcode_ls.agent.rename_parameter import (
    ParameterRename,
    parse_parameter_rename,
    plan_parameter_rename,
)

EXPORT = '''def export(report, fmt: str = "csv", *, totals=False):
    """Render in format `fmt`; fmt names a writer."""
    writer = {"csv": str}[fmt]
    return writer(report) if fmt else ""


def export_file(report, path, fmt=None):
    return export(report, fmt=fmt or "csv")
'''

CLI = """from export import export, export_file
import export as ex


def main(args):
    ex.export(1, fmt=args.f)
    print(dict(fmt=1))  # not a call of ours: stays
    return export_file(1, "p", fmt="é")
"""


def test_parameter_rename_instructions_are_recognised() -> None:
    asked = (
        "Rename the `fmt` parameter of `export_report` and `export_to_file` in reports/export.py to "
        "`output_format` (same position and default), and update every call."
    )
    assert parse_parameter_rename(asked) == ParameterRename(("export_report", "export_to_file"), "fmt", "output_format")
    assert parse_parameter_rename("Rename the `n` argument of `Grid.resize` to `size`") == ParameterRename(
        ("resize",), "n", "size"
    )
    assert parse_parameter_rename("Rename the function `a` to `b`") is None


def test_the_plan_renames_the_parameter_its_uses_and_keyword_calls() -> None:
    request = ParameterRename(("export", "export_file"), "fmt", "output_format")
    changes = plan_parameter_rename(request, {"export.py": EXPORT, "cli.py": CLI})
    new = changes["export.py"]
    assert 'def export(report, output_format: str = "csv", *, totals=False):' in new
    assert '"""Render in format `output_format`; fmt names a writer."""' in new
    assert '[output_format]\n    return writer(report) if output_format else ""' in new
    assert "def export_file(report, path, output_format=None):" in new
    assert 'export(report, output_format=output_format or "csv")' in new
    cli = changes["cli.py"]
    assert "ex.export(1, output_format=args.f)" in cli and 'export_file(1, "p", output_format="é")' in cli
    assert "dict(fmt=1)" in cli
    for text in changes.values():
        compile(text, "renamed", "exec")


@pytest.mark.parametrize(
    ("files", "why"),
    [
        ({"export.py": EXPORT, "again.py": "def export(fmt):\n    return fmt\n"}, "defined 2 times"),
        ({"export.py": EXPORT.replace("writer = ", "output_format = 1\n    writer = ")}, "already used"),
        ({"export.py": EXPORT.replace("def export_file(report, path, fmt=None)", "def export_file(report, path)")},
         "no parameter"),
    ],
)  # fmt: skip
def test_renames_that_need_judgement_are_refused(files: dict[str, str], why: str) -> None:
    request = ParameterRename(("export", "export_file"), "fmt", "output_format")
    with pytest.raises(match=why):
        plan_parameter_rename(request, files)
