"""Refactors the harness does on its own, with no model call: a move, a method made a property, a
parameter renamed (a symbol rename lives in rename.py, as it serves every language). Each plans
the new text of every file it changes, or refuses with the reason, and the model takes the task."""

from __future__ import annotations


class RefactorRefused(Exception):
    """The change needs judgement the harness does not have; the message says why."""
