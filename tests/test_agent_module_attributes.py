"""Names taken from a workspace module that never defines them: found before any test runs."""

from __future__ import annotations

from pathlib import Path

from smallcode_ls.agent.module_attributes import missing_module_names
from smallcode_ls.agent.verify import Verifier
from smallcode_ls.config import AgentSettings
from smallcode_ls.workspace import Workspace

ERRORS = '''"""Errors of the graph package."""


class GraphError(Exception):
    pass


class Unreachable(GraphError):
    """There is no path from `start` to `goal`."""


LIMIT = 10
'''


def _package(tmp_path: Path) -> Path:
    pkg = tmp_path / "graphs"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "errors.py").write_text(ERRORS)
    return pkg


def _findings(tmp_path: Path, path: Path, text: str) -> list[str]:
    def read(name: str) -> str | None:
        return Path(name).read_text() if Path(name).is_file() else None

    return [f.message for f in missing_module_names(str(path), text, read, str(tmp_path))]


def test_an_invented_attribute_of_a_sibling_module_is_named_with_what_the_module_defines(tmp_path: Path) -> None:
    pkg = _package(tmp_path)
    text = "from . import errors\n\n\ndef f():\n    raise errors.NoPath('a', 'b')\n"
    (found,) = _findings(tmp_path, pkg / "paths.py", text)
    assert found.startswith("`errors.NoPath`: graphs/errors.py defines no `NoPath`")
    assert "GraphError, Unreachable, LIMIT" in found
    assert _findings(tmp_path, pkg / "paths.py", text.replace("NoPath", "Unreachable")) == []


def test_an_invented_name_imported_from_a_workspace_module(tmp_path: Path) -> None:
    pkg = _package(tmp_path)
    found = _findings(tmp_path, pkg / "paths.py", "from .errors import NoPath, Unreachable\n")
    assert len(found) == 1 and found[0].startswith("`NoPath`: graphs/errors.py defines no `NoPath`")
    # absolute, from a file outside the package
    found = _findings(
        tmp_path, tmp_path / "main.py", "import graphs.errors as e\nfrom graphs.errors import Nope\ne.X\n"
    )
    assert [m.split(":")[0] for m in found] == ["`Nope`", "`e.X`"]


def test_what_the_module_may_provide_is_never_judged(tmp_path: Path) -> None:
    pkg = _package(tmp_path)
    (pkg / "lazy.py").write_text("def __getattr__(name):\n    return name\n")
    (pkg / "star.py").write_text("from .errors import *\n")
    (pkg / "sub").mkdir()
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "sub" / "leaf.py").write_text("X = 1\n")
    text = "\n".join(
        [
            "import json",  # the standard library
            "import requests",  # outside the workspace
            "from . import lazy, star, sub",
            "from .errors import *",
            "json.nope, requests.nope, lazy.anything, star.Unreachable, sub.leaf",
            "# errors.py mentions `start` in a docstring, so it is taken to provide it",
            "from .errors import start",
        ]
    )
    assert _findings(tmp_path, pkg / "paths.py", text) == []


def test_a_name_bound_some_other_way_too_is_not_judged(tmp_path: Path) -> None:
    pkg = _package(tmp_path)
    text = "from . import errors\n\n\ndef f(errors):\n    return errors.anything\n"
    assert _findings(tmp_path, pkg / "paths.py", text) == []
    # one import per function, binding the same name differently
    text = "def f():\n    from . import errors as m\n\n\ndef g():\n    import json as m\n    return m.dumps\n"
    assert _findings(tmp_path, pkg / "paths.py", text) == []


def test_the_verifier_rejects_an_edit_that_invents_a_module_attribute(tmp_path: Path) -> None:
    pkg = _package(tmp_path)
    paths = pkg / "paths.py"
    before = "from . import errors\n\n\ndef f():\n    raise errors.GraphError()\n"
    paths.write_text(before)
    verifier = Verifier(Workspace([str(tmp_path)]), AgentSettings())
    report = verifier.check({str(paths): before.replace("GraphError", "NoPath")}, {str(paths): before}, [])
    assert not report.ok
    assert [p.source for p in report.problems] == ["modules"] and "defines no `NoPath`" in report.problems[0].message
    # the same edit that adds the name to the module passes
    errors = str(pkg / "errors.py")
    both = {
        str(paths): before.replace("GraphError", "NoPath"),
        errors: ERRORS + "\n\nclass NoPath(GraphError):\n    pass\n",
    }
    assert verifier.check(both, {str(paths): before, errors: ERRORS}, []).ok
    # a problem the file already had does not block an unrelated edit
    broken = before.replace("GraphError", "NoPath")
    assert verifier.check({str(paths): broken + "\nX = 1\n"}, {str(paths): broken}, []).ok
