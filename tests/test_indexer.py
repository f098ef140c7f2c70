"""Tests for smallcode_ls.graph.indexer and cache: discovery, bad input, warm starts."""

from __future__ import annotations

import hashlib
import marshal
import os
import textwrap
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from smallcode_ls.graph import indexer
from smallcode_ls.graph.cache import IndexCache
from smallcode_ls.graph.indexer import (
    IndexOptions,
    IndexStats,
    discover,
    index_file,
    index_workspace,
    skip_reason,
)
from smallcode_ls.graph.model import RESOLVED
from smallcode_ls.graph.store import CodeGraph


def write(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, content in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")


def index(root: Path, **opts: object) -> tuple[CodeGraph, IndexStats]:
    opts.setdefault("cache", False)
    graph = CodeGraph([root])
    stats = index_workspace(graph, IndexOptions(**opts))  # type: ignore[arg-type]
    return graph, stats


def rels(root: Path, paths: list[str] | set[str]) -> set[str]:
    return {os.path.relpath(p, root) for p in paths}


def incoming(graph: CodeGraph) -> dict[str, dict]:
    return {dst: dict(e) for dst, e in graph.inc.items() if e}


def same_graph(a: CodeGraph, b: CodeGraph) -> None:
    assert set(a.files) == set(b.files)
    assert set(a.symbols) == set(b.symbols)
    assert a.edge_set() == b.edge_set()
    assert incoming(a) == incoming(b)


# -- discovery ---------------------------------------------------------------------------------


def test_discover_only_supported_languages(tmp_path: Path) -> None:
    write(tmp_path, {"a.py": "", "b.js": "", "c.txt": "", "d.rs": "", "e.go": "package e\n", "f.tsx": ""})
    assert rels(tmp_path, discover([str(tmp_path)], IndexOptions())) == {"a.py", "b.js", "e.go", "f.tsx"}
    only = IndexOptions(languages=frozenset({"go"}))
    assert rels(tmp_path, discover([str(tmp_path)], only)) == {"e.go"}


def test_gitignore_is_honoured(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            ".gitignore": "build/\n*_pb2.py\n/secret.py\n",
            "keep.py": "def keep():\n    pass\n",
            "secret.py": "",
            "msg_pb2.py": "",
            "build/out.py": "",
            "src/secret.py": "",  # `/secret.py` is anchored to the root
            "src/x_pb2.py": "",
        },
    )
    stats = IndexStats()
    found = rels(tmp_path, discover([str(tmp_path)], IndexOptions(), stats))
    assert found == {"keep.py", "src/secret.py"}
    assert stats.skipped == {"ignored": 3}  # the build/ directory is pruned, not counted
    all_files = rels(tmp_path, discover([str(tmp_path)], IndexOptions(respect_gitignore=False, exclude=[])))
    assert all_files == {"keep.py", "secret.py", "msg_pb2.py", "build/out.py", "src/secret.py", "src/x_pb2.py"}
    # build/ is also in the default `exclude`, .gitignore or not.
    default = rels(tmp_path, discover([str(tmp_path)], IndexOptions(respect_gitignore=False)))
    assert "build/out.py" not in default


def test_nested_gitignore(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            ".gitignore": "*.gen.py\n",
            "a.py": "",
            "a.gen.py": "",
            "sub/.gitignore": "local.py\ncache/\n",
            "sub/local.py": "",
            "sub/kept.py": "",
            "sub/cache/c.py": "",
            "sub/deeper/local.py": "",
            "sub/deeper/x.gen.py": "",
            "other/local.py": "",  # sub/.gitignore does not reach here
            "other/cache/c.py": "",
        },
    )
    found = rels(tmp_path, discover([str(tmp_path)], IndexOptions()))
    assert found == {"a.py", "sub/kept.py", "other/local.py", "other/cache/c.py"}


def test_nested_gitignore_negation(tmp_path: Path) -> None:
    write(tmp_path, {".gitignore": "*.py\n", "a.py": "", "sub/.gitignore": "!keep.py\n", "sub/keep.py": ""})
    # `git status` lists sub/keep.py as untracked, i.e. not ignored.
    assert rels(tmp_path, discover([str(tmp_path)], IndexOptions())) == {"sub/keep.py"}


def test_exclude_patterns(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "a.py": "",
            "node_modules/pkg/index.js": "",
            "web/node_modules/x/y.js": "",
            "__pycache__/a.py": "",
            "vendor/lib.go": "package lib\n",
            "gen/models.gen.ts": "",
            "src/app.ts": "",
        },
    )
    default = rels(tmp_path, discover([str(tmp_path)], IndexOptions()))
    assert default == {"a.py", "vendor/lib.go", "gen/models.gen.ts", "src/app.ts"}
    custom = IndexOptions(exclude=["vendor/", "*.gen.ts", "**/node_modules/**"])
    stats = IndexStats()
    assert rels(tmp_path, discover([str(tmp_path)], custom, stats)) == {"a.py", "__pycache__/a.py", "src/app.ts"}
    assert stats.skipped == {"ignored": 1}  # the .gen.ts file; directories are pruned


def test_git_directory_is_never_indexed(tmp_path: Path) -> None:
    write(tmp_path, {".git/hooks/pre-commit.py": "", "a.py": ""})
    assert rels(tmp_path, discover([str(tmp_path)], IndexOptions(exclude=[]))) == {"a.py"}


def test_index_workspace_applies_discovery(tmp_path: Path) -> None:
    write(
        tmp_path, {".gitignore": "ignored.py\n", "a.py": "def a():\n    pass\n", "ignored.py": "def b():\n    pass\n"}
    )
    graph, stats = index(tmp_path)
    assert rels(tmp_path, set(graph.files)) == {"a.py"}
    assert stats.files == 1
    assert stats.skipped == {"ignored": 1}
    assert [s.qualname for s in graph.symbols.values()] == ["a"]


# -- bad input ---------------------------------------------------------------------------------------


def test_skip_reason() -> None:
    opts = IndexOptions(max_file_bytes=1000, max_line_length=100)
    assert skip_reason(b"x = 1\n", opts) is None
    assert skip_reason(b"x" * 1001, opts) == "huge"
    assert skip_reason(b"x = 1\n\0\n", opts) == "binary"
    assert skip_reason(b"# @generated\nx = 1\n", opts) == "generated"
    assert skip_reason(b"// Code generated by protoc. DO NOT EDIT.\npackage p\n", opts) == "generated"
    assert skip_reason(b"x" * 101, opts) == "minified"
    assert skip_reason(b"x = 1\n" * 100, opts) is None  # long file, short lines
    # Markers only count near the top of the file.
    assert skip_reason(b"x = 1\n" * 400 + b"# DO NOT EDIT\n", IndexOptions()) is None


def test_bad_files_are_skipped_with_reasons(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "good.py": "def good():\n    pass\n",
            "binary.py": b"def f():\n    pass\n\x00\x01\x02\x03",
            "huge.py": "x = 1\n" * 4000,  # 24000 bytes > max_file_bytes below
            "min.js": "var a=1;" + "a+=1;" * 2000 + "\n",  # one 10k-character line
            "gen.go": "// Code generated by stringer. DO NOT EDIT.\n\npackage p\n\nfunc F() {}\n",
            "gen2.py": "# @generated by tool\ndef g():\n    pass\n",
        },
    )
    graph, stats = index(tmp_path, max_file_bytes=20_000)
    assert rels(tmp_path, set(graph.files)) == {"good.py"}
    assert stats.skipped == {"binary": 1, "huge": 1, "minified": 1, "generated": 2}
    assert stats.parsed == 1
    assert stats.files == 1
    assert [s.qualname for s in graph.symbols.values()] == ["good"]


def test_prose_mentioning_do_not_edit_is_not_generated(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "settings.py": '''\
                """Settings loader.

                Note: do not edit the defaults below without updating the docs.
                """
                def load():
                    pass
                ''',
        },
    )
    graph, stats = index(tmp_path)
    assert stats.skipped == {}
    assert [s.qualname for s in graph.symbols.values()] == ["load"]


def test_warning_comment_is_not_a_generator_banner() -> None:
    opts = IndexOptions()
    assert skip_reason(b"# Do not edit the defaults below without updating docs/settings.md.\nX = 1\n", opts) is None
    assert skip_reason(b'"""Helpers; do not edit the returned lists in place."""\n', opts) is None


def test_invalid_utf8_file_is_indexed(tmp_path: Path) -> None:
    write(tmp_path, {"latin1.py": b'# caf\xe9\ndef f():\n    return "\xff\xfe"; g()\ndef g():\n    pass\n'})
    graph, stats = index(tmp_path)
    assert stats.parsed == 1
    assert stats.skipped == {}
    assert sorted(s.qualname for s in graph.symbols.values()) == ["f", "g"]
    f = f"{tmp_path}/latin1.py::f"
    assert (f, f"{tmp_path}/latin1.py::g", "calls", RESOLVED) in graph.edge_set()


def test_large_generated_looking_file_without_marker(tmp_path: Path) -> None:
    body = "".join(f"def f{i}(a):\n    return {i}\n" for i in range(25_000))
    body = body.replace("def f100(a):\n    return 100\n", "def f100(a):\n    return f99(a)\n")
    write(tmp_path, {"big.py": body})
    assert body.count("\n") == 50_000
    graph, stats = index(tmp_path)
    assert stats.parsed == 1
    assert stats.skipped == {}
    assert len(graph.symbols) == 25_000
    assert graph.files[f"{tmp_path}/big.py"].lines == 50_000
    big = f"{tmp_path}/big.py"
    assert (f"{big}::f100", f"{big}::f99", "calls", RESOLVED) in graph.edge_set()


def test_syntax_errors_keep_surrounding_symbols(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "broken.py": "def before():\n    pass\n\nx = = 1\n\ndef after():\n    before()\n",
            "broken.js": "function before() {}\nconst x = = 1;\nfunction after() { before(); }\n",
            "broken.go": "package b\n\nfunc before() {}\n)))\nfunc after() { before() }\n",
            "garbage.py": "@@@ ))) ((( def def class ::: \x7f\n" * 20,
            "garbage.ts": "}}}{{{ <<<>>> interface class type ;;; =>\n" * 20,
            "empty.py": "",
            "empty.go": "",
        },
    )
    graph, stats = index(tmp_path)
    assert stats.parsed == 7
    assert stats.skipped == {}
    by_file: dict[str, list[str]] = {}
    for s in graph.symbols.values():
        by_file.setdefault(os.path.relpath(s.path, tmp_path), []).append(s.qualname)
    assert {k: sorted(v) for k, v in by_file.items() if not k.startswith("garbage")} == {
        "broken.py": ["after", "before"],
        "broken.js": ["after", "before"],
        "broken.go": ["after", "before"],
    }
    for name in ("broken.py", "broken.js", "broken.go", "garbage.py", "garbage.ts"):
        assert graph.files[f"{tmp_path}/{name}"].has_error, name
    empty = graph.files[f"{tmp_path}/empty.py"]
    assert (empty.lines, empty.symbols, empty.has_error) == (0, [], False)
    for name in ("broken.py", "broken.js", "broken.go"):
        p = f"{tmp_path}/{name}"
        assert (f"{p}::after", f"{p}::before", "calls", RESOLVED) in graph.edge_set(), name


def test_index_file(tmp_path: Path) -> None:
    write(tmp_path, {"a.py": "def a():\n    pass\n", "b.txt": "x"})
    opts = IndexOptions(max_file_bytes=100)
    fi, reason = index_file(str(tmp_path / "a.py"), opts)
    assert reason is None
    assert fi is not None
    assert [s.qualname for s in fi.symbols] == ["a"]
    assert index_file(str(tmp_path / "b.txt"), opts) == (None, "unsupported")
    assert index_file(str(tmp_path / "a.py"), opts, b"x = 1\0") == (None, "binary")
    assert index_file(str(tmp_path / "a.py"), opts, b"x" * 101) == (None, "huge")
    fi, reason = index_file(str(tmp_path / "a.py"), opts, b"def z():\n    pass\n")
    assert reason is None
    assert fi is not None
    assert [s.qualname for s in fi.symbols] == ["z"]
    fi, reason = index_file(str(tmp_path / "gone.py"), opts)
    assert fi is None
    assert reason is not None
    assert reason.startswith("unreadable")


def test_progress_reports_reach_the_total(tmp_path: Path) -> None:
    write(tmp_path, {f"m{i}.py": f"def f{i}():\n    pass\n" for i in range(7)})
    seen: list[tuple[int, int]] = []
    graph = CodeGraph([tmp_path])
    index_workspace(graph, IndexOptions(cache=False), progress=lambda done, total, _msg: seen.append((done, total)))
    assert seen[0] == (0, 7)
    assert seen[-1] == (7, 7)


# -- cache and warm start --------------------------------------------------------------------------------

PROJECT = {
    "a.py": """\
        from b import g
        from c import C
        class A(C):
            def m(self):
                g()
                self.k()
        """,
    "b.py": "def g():\n    pass\n",
    "c.py": "class C:\n    def k(self):\n        pass\n",
    "d.py": "import a\ndef use():\n    a.A().m()\n",
    "e.js": "import { h } from './f';\nexport function e() { h(); }\n",
    "f.js": "export function h() {}\n",
}


def cached_index(root: Path, cache_dir: Path) -> tuple[CodeGraph, IndexStats]:
    return index(root, cache=True, cache_dir=str(cache_dir))


def test_cold_then_warm_start(tmp_path: Path) -> None:
    root, cache = tmp_path / "ws", tmp_path / "cache"
    write(root, PROJECT)
    cold, stats = cached_index(root, cache)
    assert (stats.parsed, stats.from_cache, stats.files) == (6, 0, 6)
    cache_file = IndexCache.for_roots(cold.roots, str(cache)).file
    assert cache_file.is_file()
    assert cache_file.is_relative_to(cache)
    stamp = cache_file.stat().st_mtime_ns

    warm, stats = cached_index(root, cache)
    assert (stats.parsed, stats.from_cache, stats.files) == (0, 6, 6)
    same_graph(warm, cold)
    same_graph(warm, index(root)[0])
    assert cache_file.stat().st_mtime_ns == stamp  # nothing changed: not rewritten


def test_warm_start_reparses_only_changed_file(tmp_path: Path) -> None:
    root, cache = tmp_path / "ws", tmp_path / "cache"
    write(root, PROJECT)
    cached_index(root, cache)
    # b.g is renamed: a.py, untouched, must lose its edge to it.
    write(root, {"b.py": "def g2():\n    pass\n"})
    warm, stats = cached_index(root, cache)
    assert (stats.parsed, stats.from_cache, stats.files) == (1, 5, 6)
    fresh = index(root)[0]
    same_graph(warm, fresh)
    a_m = f"{root}/a.py::A.m"
    assert not any(d.endswith("b.py::g") for s, d, _, _ in warm.edge_set() if s == a_m)
    # A third start sees the updated cache.
    again, stats = cached_index(root, cache)
    assert (stats.parsed, stats.from_cache) == (0, 6)
    same_graph(again, fresh)


@pytest.mark.parametrize(
    ("rel_path", "content"),
    [
        ("c.py", "class C:\n    def kk(self):\n        pass\n"),  # base class member renamed
        ("a.py", "from b import g\nclass A:\n    def m(self):\n        g()\n"),  # bases changed
        ("f.js", "export function h2() {}\nexport function h() { h2(); }\n"),
        ("b.py", "def g():\n    return 1\n"),  # body only
    ],
)
def test_warm_start_equals_fresh_index(tmp_path: Path, rel_path: str, content: str) -> None:
    root, cache = tmp_path / "ws", tmp_path / "cache"
    write(root, PROJECT)
    cached_index(root, cache)
    write(root, {rel_path: content})
    warm, stats = cached_index(root, cache)
    assert (stats.parsed, stats.from_cache) == (1, 5)
    same_graph(warm, index(root)[0])


def test_warm_start_with_many_changes_reloads(tmp_path: Path) -> None:
    root, cache = tmp_path / "ws", tmp_path / "cache"
    files = {f"m{i}.py": f"from m{(i + 1) % 14} import f{(i + 1) % 14}\ndef f{i}():\n    pass\n" for i in range(14)}
    write(root, files)
    cached_index(root, cache)
    write(root, {f"m{i}.py": f"def f{i}():\n    f{(i + 1) % 14}()\n" for i in range(12)})
    warm, stats = cached_index(root, cache)
    assert (stats.parsed, stats.from_cache) == (12, 2)
    same_graph(warm, index(root)[0])


def test_touched_but_unchanged_file_comes_from_cache(tmp_path: Path) -> None:
    root, cache = tmp_path / "ws", tmp_path / "cache"
    write(root, PROJECT)
    cached_index(root, cache)
    path = root / "b.py"
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 5_000_000_000))
    warm, stats = cached_index(root, cache)
    assert (stats.parsed, stats.from_cache) == (0, 6)
    same_graph(warm, index(root)[0])


def test_same_size_same_mtime_edit_is_noticed(tmp_path: Path) -> None:
    root, cache = tmp_path / "ws", tmp_path / "cache"
    write(root, PROJECT)
    path = root / "b.py"
    st = path.stat()
    cached_index(root, cache)
    path.write_text("def q():\n    pass\n")  # same length as "def g():\n    pass\n"
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    warm, _ = cached_index(root, cache)
    same_graph(warm, index(root)[0])


def test_deleted_file_disappears_on_warm_start(tmp_path: Path) -> None:
    root, cache = tmp_path / "ws", tmp_path / "cache"
    write(root, PROJECT)
    cached_index(root, cache)
    (root / "b.py").unlink()
    warm, stats = cached_index(root, cache)
    assert (stats.parsed, stats.from_cache, stats.files) == (0, 5, 5)
    assert not any(p.endswith("b.py") for p in warm.files)
    assert not any("b.py" in s for s in warm.symbols)
    assert not any("b.py" in s or "b.py" in d for s, d, _, _ in warm.edge_set())
    same_graph(warm, index(root)[0])
    # And it is gone from the cache too.
    _, stats = cached_index(root, cache)
    assert (stats.parsed, stats.from_cache, stats.files) == (0, 5, 5)


def test_new_and_newly_skipped_files_on_warm_start(tmp_path: Path) -> None:
    root, cache = tmp_path / "ws", tmp_path / "cache"
    write(root, PROJECT)
    cached_index(root, cache)
    write(root, {"new.py": "from b import g\ndef n():\n    g()\n", "c.py": b"\x00binary now"})
    warm, stats = cached_index(root, cache)
    assert (stats.parsed, stats.from_cache, stats.files) == (1, 5, 6)
    assert stats.skipped == {"binary": 1}
    assert not any(p.endswith("c.py") for p in warm.files)
    same_graph(warm, index(root)[0])


@pytest.mark.parametrize(
    "corrupt",
    [
        b"",
        b"not a marshal stream at all \xff\xfe",
        b"[" + (10_000_000).to_bytes(4, "little"),  # a list claiming 10M items
        b"\xe3",  # a bare type code
        None,  # the real cache, truncated
    ],
)
def test_corrupt_cache_is_ignored(tmp_path: Path, corrupt: bytes | None) -> None:
    root, cache = tmp_path / "ws", tmp_path / "cache"
    write(root, PROJECT)
    cold, _ = cached_index(root, cache)
    cache_file = IndexCache.for_roots(cold.roots, str(cache)).file
    data = cache_file.read_bytes()
    cache_file.write_bytes(data[: len(data) // 2] if corrupt is None else corrupt)
    warm, stats = cached_index(root, cache)
    assert (stats.parsed, stats.from_cache, stats.files) == (6, 0, 6)
    same_graph(warm, cold)
    # The broken cache was replaced by a good one.
    _, stats = cached_index(root, cache)
    assert (stats.parsed, stats.from_cache) == (0, 6)


def test_cache_from_other_version_is_ignored(tmp_path: Path) -> None:
    root, cache = tmp_path / "ws", tmp_path / "cache"
    write(root, PROJECT)
    cold, _ = cached_index(root, cache)
    cache_file = IndexCache.for_roots(cold.roots, str(cache)).file
    blob = cache_file.read_bytes()
    data = marshal.loads(blob[20:])  # after the magic and the checksum
    data["stamp"] = "0|old"
    payload = marshal.dumps(data)
    cache_file.write_bytes(blob[:4] + hashlib.blake2b(payload, digest_size=16).digest() + payload)
    _, stats = cached_index(root, cache)
    assert (stats.parsed, stats.from_cache) == (6, 0)


def test_unwritable_cache_dir_does_not_fail(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    write(root, PROJECT)
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache dir should be")
    graph, stats = index(root, cache=True, cache_dir=str(blocker))
    assert stats.parsed == 6
    same_graph(graph, index(root)[0])


# -- process pool ----------------------------------------------------------------------------------------


def test_many_files_use_forkserver_pool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    n = 201
    files: dict[str, str | bytes] = {
        f"m{i}.py": f"from m{(i + 1) % n} import f{(i + 1) % n}\ndef f{i}():\n    f{(i + 1) % n}()\n" for i in range(n)
    }
    files["zz_binary.py"] = b"\x00\x01"
    files["zz_gen.py"] = "# @generated\ndef nope():\n    pass\n"
    write(tmp_path, files)

    pools: list[str] = []

    class SpyPool(ProcessPoolExecutor):
        def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
            pools.append(kwargs["mp_context"].get_start_method())
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(indexer, "ProcessPoolExecutor", SpyPool)
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    pooled, stats = index(tmp_path)
    assert pools == ["forkserver"]
    assert (stats.parsed, stats.files) == (n, n)
    assert stats.skipped == {"binary": 1, "generated": 1}
    assert len(pooled.symbols) == n

    serial, stats = index(tmp_path, workers=1)
    assert pools == ["forkserver"]  # no second pool
    same_graph(pooled, serial)
    assert (f"{tmp_path}/m0.py::f0", f"{tmp_path}/m1.py::f1", "calls", RESOLVED) in pooled.edge_set()
