"""Nightly exports: each job builds a report and saves it in one format."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass

from .export import EXTENSIONS, Report, export_report, export_to_file


@dataclass
class ExportJob:
    name: str
    build: Callable[[], Report]
    format_name: str = "csv"
    hour: int = 2
    include_totals: bool = True
    last_run: dt.date | None = None

    def due(self, now: dt.datetime) -> bool:
        return now.hour >= self.hour and self.last_run != now.date()


def _extension(format_name: str) -> str:
    for extension, name in EXTENSIONS.items():
        if name == format_name:
            return extension
    raise ValueError(f"no file extension for {format_name!r}")


def run_due(jobs: list[ExportJob], now: dt.datetime, folder: str) -> list[str]:
    """Run every due job, saving `<folder>/<name>-<date><ext>`; returns the paths written."""
    written = []
    for job in jobs:
        if not job.due(now):
            continue
        path = os.path.join(folder, f"{job.name}-{now.date().isoformat()}{_extension(job.format_name)}")
        export_to_file(job.build(), path, fmt=job.format_name, include_totals=job.include_totals)
        job.last_run = now.date()
        written.append(path)
    return written


def preview(job: ExportJob) -> str:
    """The text the job would write right now, for the admin page."""
    return export_report(job.build(), fmt=job.format_name, include_totals=job.include_totals)
