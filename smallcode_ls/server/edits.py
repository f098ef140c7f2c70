"""Verified changes -> a WorkspaceEdit that never overwrites the user's typing.

The engine returns whole new texts and the text each was made against. If
the editor still has that text, the edit is the changed block of lines. If the
user typed meanwhile, the changed block is looked up in the current text by
its old lines plus a line of context on each side: found exactly once, the
edit is moved there; otherwise it is refused.
"""

from __future__ import annotations

import os

from lsprotocol import types as lsp

from ..agent.tasks import Outcome
from . import convert
from .server import SmallcodeServer, _client_can


class EditConflict(Exception):
    """The document changed where the edit applies: nothing is applied."""


def workspace_edit(ls: SmallcodeServer, outcome: Outcome) -> lsp.WorkspaceEdit:
    versioned = _client_can(ls, "workspace.workspace_edit.document_changes")
    document_changes: list[lsp.TextDocumentEdit | lsp.CreateFile] = []
    changes: dict[str, list[lsp.TextEdit]] = {}
    for path, new in sorted(outcome.changes.items()):
        uri = convert.path_to_uri(path)
        before = outcome.before.get(path, "")
        current = ls.documents.text(path)
        exists = current is not None or os.path.exists(path)
        if current is None:
            current = _read(path) if exists else ""
        if not exists:
            if not versioned:
                raise EditConflict(
                    f"{os.path.basename(path)} would be a new file, and this editor cannot create files "
                    "through the language server (no workspaceEdit.documentChanges)"
                )
            document_changes.append(lsp.CreateFile(uri=uri, options=lsp.CreateFileOptions(ignore_if_exists=True)))
        edit = text_edit(before, new, current, os.path.basename(path))
        if edit is None:
            continue
        if versioned:
            version = ls.documents.version(path)
            document_changes.append(
                lsp.TextDocumentEdit(
                    text_document=lsp.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version),
                    edits=[edit],
                )
            )
        else:
            changes[uri] = [edit]
    if versioned:
        return lsp.WorkspaceEdit(document_changes=document_changes)
    return lsp.WorkspaceEdit(changes=changes)


def text_edit(before: str, new: str, current: str, name: str = "the file") -> lsp.TextEdit | None:
    """One TextEdit turning `current` into `new`'s change of `before`, or EditConflict."""
    old_lines = before.splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    head = 0
    while head < min(len(old_lines), len(new_lines)) and old_lines[head] == new_lines[head]:
        head += 1
    tail = 0
    while tail < min(len(old_lines), len(new_lines)) - head and old_lines[-1 - tail] == new_lines[-1 - tail]:
        tail += 1
    old_block = old_lines[head : len(old_lines) - tail]
    new_block = new_lines[head : len(new_lines) - tail]
    if not old_block and not new_block:
        return None
    cur_lines = current.splitlines(keepends=True)
    start = head if current == before else _anchor(old_lines, head, len(old_lines) - tail, cur_lines, name)
    end = start + len(old_block)
    return lsp.TextEdit(range=lsp.Range(_pos(cur_lines, start), _pos(cur_lines, end)), new_text="".join(new_block))


def _anchor(old: list[str], lo: int, hi: int, cur: list[str], name: str) -> int:
    """Where old[lo:hi] sits in `cur`, judged with one line of context on each side."""
    before = old[lo - 1 : lo] if lo > 0 else []
    after = old[hi : hi + 1]
    needle = before + old[lo:hi] + after
    if not needle:
        raise EditConflict(f"{name} changed while smallcode worked; the edit was not applied")
    found = [i for i in range(len(cur) - len(needle) + 1) if cur[i : i + len(needle)] == needle]
    if len(found) != 1:
        raise EditConflict(
            f"{name} changed where smallcode's edit goes while it worked; the edit was not applied "
            "(run it again on the current text)"
        )
    return found[0] + len(before)


def _pos(lines: list[str], index: int) -> lsp.Position:
    """Start of line `index`; past the last line, the end of the document."""
    if index < len(lines):
        return lsp.Position(index, 0)
    if not lines:
        return lsp.Position(0, 0)
    last = lines[-1]
    if last.endswith("\n"):
        return lsp.Position(len(lines), 0)
    return lsp.Position(len(lines) - 1, len(last.encode("utf-16-le")) // 2)


def _read(path: str) -> str:
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()
