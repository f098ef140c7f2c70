"""Errors of the pipeline package."""

from __future__ import annotations


class PipelineError(Exception):
    """Base class."""


class SpecError(PipelineError):
    """A pipeline description (list of dicts) is invalid."""


class StageError(PipelineError):
    """A stage failed on one record.

    `stage` is the stage's name, `index` the record's position in the input,
    `cause` the original exception.
    """

    def __init__(self, stage: str, index: int, cause: Exception) -> None:
        super().__init__(f"stage {stage!r} failed on record {index}: {cause}")
        self.stage = stage
        self.index = index
        self.cause = cause
