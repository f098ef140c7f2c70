"""The workspace as the editor sees it: unsaved buffers over the disk, sandbox copies, safe writes.

Every path the agent touches goes through `Workspace.resolve`, which refuses
anything outside the roots (symlinks included). Verification runs on a
`Sandbox`, a throw-away copy of one root with the candidate edits and the
unsaved buffers written in; the user's tree is only written by `write_text`,
after verification, atomically.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

# Never copied into a sandbox: version control and caches.
SKIP_DIRS = frozenset(
    {".git", ".hg", ".svn", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache", ".smallcode"}
)
# Big, read-only for tests: linked into the sandbox rather than copied.
LINK_DIRS = frozenset({".venv", "venv", "env", ".tox", ".nox", "node_modules"})
MAX_SANDBOX_BYTES = 300_000_000

Overlay = Callable[[str], str | None]


class WorkspaceError(Exception):
    """A path outside the workspace, a file that cannot be read, or a workspace too big to copy."""


class Workspace:
    def __init__(
        self,
        roots: list[str],
        overlay: Overlay | None = None,
        open_buffers: Callable[[], Mapping[str, str]] | None = None,
    ) -> None:
        if not roots:
            raise WorkspaceError("no workspace root")
        self.roots = [os.path.realpath(r) for r in roots]
        self.overlay = overlay or (lambda path: None)
        self._open_buffers = open_buffers or dict

    def buffers(self) -> dict[str, str]:
        """The editor's unsaved buffers (path -> text), for sandboxes that must match what the user sees."""
        return {os.path.realpath(p): t for p, t in self._open_buffers().items()}

    def resolve(self, path: str | os.PathLike[str]) -> str:
        """The real absolute path, if it lies inside a root; WorkspaceError otherwise."""
        real = os.path.realpath(os.path.join(self.roots[0], path))
        if self.root_of(real) is None:
            raise WorkspaceError(f"{path} is outside the workspace ({', '.join(self.roots)})")
        return real

    def root_of(self, path: str) -> str | None:
        real = os.path.realpath(path)
        for root in sorted(self.roots, key=len, reverse=True):
            if real == root or real.startswith(root.rstrip(os.sep) + os.sep):
                return root
        return None

    def relative(self, path: str) -> str:
        root = self.root_of(path) or self.roots[0]
        return os.path.relpath(path, root)

    def read(self, path: str) -> str:
        """The editor's buffer when the file is open, else the disk."""
        real = self.resolve(path)
        text = self.overlay(real)
        if text is not None:
            return text
        try:
            with open(real, encoding="utf-8", newline="") as fh:
                return fh.read()
        except FileNotFoundError:
            raise WorkspaceError(f"{self.relative(real)} does not exist") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise WorkspaceError(f"cannot read {self.relative(real)}: {exc}") from None

    def write_text(self, path: str, text: str) -> None:
        """Atomic replace inside the workspace, keeping the file's mode."""
        real = self.resolve(path)
        directory = os.path.dirname(real)
        os.makedirs(directory, exist_ok=True)
        mode = None
        with contextlib.suppress(FileNotFoundError):
            mode = os.stat(real).st_mode & 0o7777
        fd, tmp = tempfile.mkstemp(prefix=".smallcode-", dir=directory)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
            if mode is not None:
                os.chmod(tmp, mode)
            os.replace(tmp, real)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
            raise

    @contextlib.contextmanager
    def sandbox(self, root: str | None = None, open_buffers: Mapping[str, str] | None = None) -> Iterator[Sandbox]:
        """A temporary copy of `root` (default: the first) with the unsaved buffers written in."""
        root = os.path.realpath(root or self.roots[0])
        box = Sandbox(root)
        try:
            box.populate()
            for path, text in (open_buffers or {}).items():
                if self.root_of(path) == root:
                    box.write(path, text)
            yield box
        finally:
            box.cleanup()


class Sandbox:
    """A copy of one workspace root in a temporary directory."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.dir = Path(tempfile.mkdtemp(prefix="smallcode-sandbox-"))
        self.path = self.dir / os.path.basename(root)

    def map(self, path: str) -> str:
        """Where a workspace file lives in the sandbox."""
        rel = os.path.relpath(os.path.realpath(path), self.root)
        if rel.startswith(".."):
            raise WorkspaceError(f"{path} is outside {self.root}")
        return str(self.path / rel)

    def write(self, path: str, text: str) -> None:
        target = self.map(path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        # A new file, never writing through a link back into the user's tree.
        with contextlib.suppress(FileNotFoundError):
            os.unlink(target)
        with open(target, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)

    def populate(self) -> None:
        copied = 0
        for current, dirs, files in os.walk(self.root):
            rel = os.path.relpath(current, self.root)
            dest = self.path / rel if rel != "." else self.path
            dest.mkdir(parents=True, exist_ok=True)
            keep = []
            for name in dirs:
                if name in SKIP_DIRS:
                    continue
                if name in LINK_DIRS:
                    os.symlink(os.path.join(current, name), dest / name, target_is_directory=True)
                    continue
                if os.path.islink(os.path.join(current, name)):
                    continue  # may point anywhere; the sandbox stays a closed copy
                keep.append(name)
            dirs[:] = keep
            for name in files:
                src = os.path.join(current, name)
                if os.path.islink(src) and not self._inside(os.path.realpath(src)):
                    continue
                try:
                    copied += os.path.getsize(src)
                    if copied > MAX_SANDBOX_BYTES:
                        raise WorkspaceError(
                            f"the workspace is over {MAX_SANDBOX_BYTES // 1_000_000} MB without caches and "
                            "virtual environments; too big to copy for verification"
                        )
                    shutil.copy2(src, dest / name, follow_symlinks=True)
                except OSError:
                    continue  # sockets, unreadable files: tests cannot need them

    def _inside(self, real: str) -> bool:
        return real == self.root or real.startswith(self.root.rstrip(os.sep) + os.sep)

    def cleanup(self) -> None:
        shutil.rmtree(self.dir, ignore_errors=True)
