"""Turning verified texts into one TextEdit, and refusing when the user typed where it goes."""

from __future__ import annotations

import pytest
from lsprotocol import types as lsp

from smallcode_ls.server.edits import EditConflict, text_edit

BEFORE = "a\nb\nc\nd\n"
AFTER = "a\nB\nc\nd\n"


def apply(text: str, edit: lsp.TextEdit) -> str:
    lines = text.splitlines(keepends=True)
    start = sum(len(x) for x in lines[: edit.range.start.line]) + edit.range.start.character
    end = sum(len(x) for x in lines[: edit.range.end.line]) + edit.range.end.character
    return text[:start] + edit.new_text + text[end:]


def test_unchanged_document_gets_the_changed_lines_only() -> None:
    edit = text_edit(BEFORE, AFTER, BEFORE)
    assert edit is not None
    assert (edit.range.start.line, edit.range.end.line, edit.new_text) == (1, 2, "B\n")
    assert apply(BEFORE, edit) == AFTER


def test_typing_elsewhere_moves_the_edit() -> None:
    current = "new first line\n" + BEFORE + "tail\n"
    edit = text_edit(BEFORE, AFTER, current)
    assert edit is not None and apply(current, edit) == "new first line\n" + AFTER + "tail\n"


def test_typing_in_the_changed_lines_is_refused() -> None:
    with pytest.raises(EditConflict):
        text_edit(BEFORE, AFTER, "a\nbb\nc\nd\n")


def test_ambiguous_anchor_is_refused() -> None:
    before = "x\nb\nx\n"
    with pytest.raises(EditConflict):
        text_edit(before, "x\nB\nx\n", "x\nb\nx\nq\nx\nb\nx\n")


def test_edits_at_the_end_without_a_final_newline_and_no_change() -> None:
    edit = text_edit("a\nb", "a\nc", "a\nb")
    assert edit is not None and apply("a\nb", edit) == "a\nc"
    assert text_edit("same\n", "same\n", "same\n") is None
    grown = text_edit("a\n", "a\nb\n", "a\n")
    assert grown is not None and apply("a\n", grown) == "a\nb\n"
