"""Moving a function to another module: the harness's plan, its refusals, and the edit task that
uses it with no model call."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from fakes.scripted_server import ScriptedServer

from smallcode_ls.agent.engine import Engine
from smallcode_ls.agent.move import MoveRequest, parse_move, plan_move
from smallcode_ls.agent.tasks import Task
from smallcode_ls.config import EndpointSettings, Settings
from smallcode_ls.graph import CodeGraph, IndexOptions, index_workspace
from smallcode_ls.model.routing import Router
from smallcode_ls.workspace import Workspace

VIEWS = '''"""Pages."""

from __future__ import annotations

import re
import unicodedata

from .text import excerpt

PAGE = "<p>{}</p>"


def slugify(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def permalink(title: str) -> str:
    return "/" + slugify(title) + "/"


def page(body: str) -> str:
    return PAGE.format(excerpt(body))
'''

TEXT = '''"""Text helpers."""

import re


def excerpt(text: str) -> str:
    return re.sub(r"\\s+", " ", text)[:20]
'''

FEEDS = """from blog.views import permalink, slugify


def entry_id(title: str) -> str:
    return "tag:" + slugify(title) + permalink(title)
"""

TESTS = """from blog.feeds import entry_id
from blog.text import slugify
from blog.views import permalink


def test_slugs():
    assert slugify("Crème Brûlée!") == "creme-brulee"
    assert permalink("A b") == "/a-b/"
    assert entry_id("X") == "tag:x/x/"
"""


def make_blog(root: Path) -> dict[str, str]:
    (root / "blog").mkdir(parents=True)
    (root / "tests").mkdir()
    files = {
        "blog/__init__.py": "",
        "blog/views.py": VIEWS,
        "blog/text.py": TEXT,
        "blog/feeds.py": FEEDS,
        "tests/test_blog.py": TESTS,
    }
    for rel, text in files.items():
        (root / rel).write_text(text)
    return {str(root / rel): text for rel, text in files.items() if rel.endswith(".py")}


def test_move_instructions_are_recognised() -> None:
    asked = "Move the `slugify` function from blog/views.py into blog/text.py, next to the other helpers."
    assert parse_move(asked) == MoveRequest("slugify", "blog/views.py", "blog/text.py")
    assert parse_move("move Parser from a/p.py to a/parsing.py") == MoveRequest("Parser", "a/p.py", "a/parsing.py")
    assert parse_move("Move the cursor handling into its own method") is None
    assert parse_move("move f from a.py to a.py") is None


def test_the_plan_moves_the_code_with_its_imports_and_retargets_importers(tmp_path: Path) -> None:
    texts = make_blog(tmp_path)
    views, text, feeds = (str(tmp_path / "blog" / f) for f in ("views.py", "text.py", "feeds.py"))
    changes = plan_move("slugify", views, text, texts, str(tmp_path))
    assert set(changes) == {views, text, feeds}
    # The destination gets the code and the one import it lacked (`re` it had already).
    assert changes[text].count("import re") == 1 and "import unicodedata" in changes[text]
    assert changes[text].rstrip().endswith('return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")')
    # The source no longer defines it, drops the imports only it used, and imports it back.
    assert "def slugify" not in changes[views]
    assert "import unicodedata" not in changes[views] and "import re\n" not in changes[views]
    assert "from .text import excerpt, slugify" in changes[views]
    assert "\n\n\n\ndef permalink" not in changes[views]
    # Importers take it from its new module, in their own import style.
    assert "from blog.views import permalink\n" in changes[feeds]
    assert "from blog.text import slugify" in changes[feeds]
    for new in changes.values():
        compile(new, "moved", "exec")


def test_code_that_needs_its_old_module_is_not_moved(tmp_path: Path) -> None:
    texts = make_blog(tmp_path)
    views, text = str(tmp_path / "blog" / "views.py"), str(tmp_path / "blog" / "text.py")
    with pytest.raises(match="PAGE"):
        plan_move("page", views, text, texts, str(tmp_path))
    with pytest.raises(match="already defines"):
        plan_move("excerpt", str(tmp_path / "blog" / "text.py"), views, {**texts, views: VIEWS + "\nexcerpt = 1\n"},
                  str(tmp_path))  # fmt: skip
    through_module = str(tmp_path / "blog" / "other.py")
    texts[through_module] = "from blog import views\n\nprint(views.slugify('x'))\n"
    with pytest.raises(match="through its module"):
        plan_move("slugify", views, text, texts, str(tmp_path))


def test_a_move_to_a_new_module_creates_it(tmp_path: Path) -> None:
    texts = make_blog(tmp_path)
    views, slugs = str(tmp_path / "blog" / "views.py"), str(tmp_path / "blog" / "slugs.py")
    changes = plan_move("slugify", views, slugs, texts, str(tmp_path))
    assert changes[slugs].startswith("import re\nimport unicodedata\n\n\ndef slugify")
    assert "from .slugs import slugify" in changes[views]


@pytest.fixture(autouse=True)
def _quick_pytest(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", "1")


async def test_the_edit_task_moves_by_the_harness_and_verifies_with_the_tests(tmp_path: Path) -> None:
    make_blog(tmp_path)
    with ScriptedServer([]) as server:
        config = Settings(model=EndpointSettings(endpoint=server.url, model="m"))
        graph = CodeGraph([str(tmp_path)])
        index_workspace(graph, IndexOptions(cache=False))
        router = Router(config)
        engine = Engine(Workspace([str(tmp_path)]), graph, router, config)
        engine.verifier.test_cmd = f"{sys.executable} -m pytest -q -p no:cacheprovider tests"
        outcome = await engine.run(
            Task("edit", instruction="Move the `slugify` function from blog/views.py into blog/text.py.")
        )
        await router.aclose()
    assert outcome.status == "verified", (outcome.message, outcome.remaining)
    assert not server.chat_requests()
    assert sorted(Path(p).name for p in outcome.changes) == ["feeds.py", "text.py", "views.py"]
    assert any("moved to blog/text.py by the harness" in u for u in outcome.units), outcome.units
    assert (tmp_path / "blog" / "views.py").read_text() == VIEWS  # reported, not applied
