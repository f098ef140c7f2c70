"""On-disk cache of extracted files, per workspace, under the user cache dir.

Entries are keyed by path and checked by content hash (with size and mtime as
a shortcut that avoids reading unchanged files), so a restart re-parses only
the files that changed. The format is marshal: the fastest loader for plain
tuples in the standard library, and the cache is ours alone.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import tempfile
import time
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

if TYPE_CHECKING:
    from .store import CodeGraph

log = logging.getLogger(__name__)

CACHE_FORMAT = 8
_MAGIC = b"SCG1"
# A file modified this close to the cache write may have changed again within
# the filesystem's timestamp granularity: check its content, as git does.
RACY_NS = 2_000_000_000


def _grammar_versions() -> str:
    names = ("tree-sitter", "tree-sitter-python", "tree-sitter-javascript", "tree-sitter-typescript", "tree-sitter-go")
    versions = []
    for name in names:
        try:
            versions.append(metadata.version(name))
        except metadata.PackageNotFoundError:
            versions.append("?")
    return ",".join(versions)


class IndexCache:
    def __init__(self, file: Path) -> None:
        self.file = file
        self.stamp = f"{CACHE_FORMAT}|{_grammar_versions()}"
        self.written_ns = 0

    @classmethod
    def for_roots(cls, roots: Iterable[str], cache_dir: str | None = None) -> IndexCache:
        base = Path(cache_dir) if cache_dir else Path(platformdirs.user_cache_dir("smallcode-ls"))
        key = hashlib.sha1("\n".join(sorted(roots)).encode()).hexdigest()[:16]
        return cls(base / "graph" / key / "index.marshal")

    def load(self) -> dict[str, tuple[tuple[int, int], tuple, dict, list, list]]:
        """path -> ((mtime_ns, size), FileIndex tuple, out-edges, candidate pools used, bases);
        empty when absent or stale."""
        try:
            with open(self.file, "rb") as fh:
                blob = fh.read()
            # A checksum first: marshal trusts its input, and a damaged file could
            # load as a slightly wrong graph or ask for gigabytes.
            if blob[:4] != _MAGIC or hashlib.blake2b(blob[20:], digest_size=16).digest() != blob[4:20]:
                raise ValueError("checksum mismatch")
            data = marshal.loads(blob[20:])
        except FileNotFoundError:
            return {}
        except (OSError, EOFError, ValueError, TypeError, MemoryError) as exc:
            log.warning("ignoring unreadable index cache %s: %s", self.file, exc)
            return {}
        if not isinstance(data, dict) or data.get("stamp") != self.stamp:
            return {}
        files = data.get("files")
        self.written_ns = int(data.get("written_ns", 0))
        return files if isinstance(files, dict) else {}

    def save(self, graph: CodeGraph, skip: set[str] | None = None) -> None:
        """Write the graph's files; `skip` holds unsaved buffers, which the disk does not match."""
        files = {}
        with graph.lock:
            for fi in graph.files.values():
                if skip and fi.path in skip:
                    continue
                try:
                    st = os.stat(fi.path)
                except OSError:
                    continue
                files[fi.path] = (
                    (st.st_mtime_ns, st.st_size),
                    fi.cache_tuple(),
                    graph.export_edges(fi.path),
                    graph.export_pools(fi.path),
                    graph.export_bases(fi.path),
                )
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.file.parent, prefix=".index-")
            with os.fdopen(fd, "wb") as fh:
                payload = marshal.dumps({"stamp": self.stamp, "files": files, "written_ns": time.time_ns()})
                fh.write(_MAGIC + hashlib.blake2b(payload, digest_size=16).digest() + payload)
            os.replace(tmp, self.file)
        except OSError as exc:
            log.warning("could not write index cache %s: %s", self.file, exc)
