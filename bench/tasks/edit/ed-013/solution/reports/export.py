"""Render a Report (a title, typed columns and rows) in several output formats.

Formats: csv, json, markdown, html and text (an aligned plain-text table).
Cells are formatted by column kind, so every format shows the same values.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TextIO

KINDS = ("text", "int", "money", "percent", "date")


@dataclass(frozen=True)
class Column:
    """One column: `key` into each row dict, a display `title` and a `kind`."""

    key: str
    title: str
    kind: str = "text"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}")

    @property
    def numeric(self) -> bool:
        return self.kind in ("int", "money", "percent")


@dataclass
class Report:
    title: str
    columns: list[Column]
    rows: list[dict[str, Any]] = field(default_factory=list)
    generated: dt.datetime | None = None

    def add_row(self, **values: Any) -> None:
        unknown = set(values) - {c.key for c in self.columns}
        if unknown:
            raise KeyError(f"unknown columns: {', '.join(sorted(unknown))}")
        self.rows.append(values)

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(key)

    def totals(self) -> dict[str, Any]:
        """Sums of the int and money columns (percent columns are not summed)."""
        sums: dict[str, Any] = {}
        for column in self.columns:
            if column.kind == "int":
                sums[column.key] = sum(int(r.get(column.key) or 0) for r in self.rows)
            elif column.kind == "money":
                sums[column.key] = sum((Decimal(str(r.get(column.key) or 0)) for r in self.rows), Decimal(0))
        return sums

    def sorted_by(self, key: str, reverse: bool = False) -> Report:
        self.column(key)
        rows = sorted(self.rows, key=lambda r: (r.get(key) is None, r.get(key)), reverse=reverse)
        return Report(self.title, self.columns, rows, self.generated)


def format_cell(value: Any, kind: str) -> str:
    """The display text of one value; None is an empty cell."""
    if value is None:
        return ""
    if kind == "int":
        return f"{int(value):,}"
    if kind == "money":
        return f"{Decimal(str(value)).quantize(Decimal('0.01')):,}"
    if kind == "percent":
        return f"{float(value) * 100:.1f}%"
    if kind == "date":
        return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else str(value)
    return str(value)


def _table(report: Report, include_totals: bool) -> tuple[list[str], list[list[str]]]:
    """Header titles and formatted body rows (plus a totals row when asked)."""
    header = [c.title for c in report.columns]
    body = [[format_cell(row.get(c.key), c.kind) for c in report.columns] for row in report.rows]
    if include_totals:
        sums = report.totals()
        totals_row = [format_cell(sums.get(c.key), c.kind) for c in report.columns]
        if totals_row and not totals_row[0]:
            totals_row[0] = "Total"
        body.append(totals_row)
    return header, body


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def write_csv(report: Report, out: TextIO, include_totals: bool) -> None:
    header, body = _table(report, include_totals)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(body)


def write_json(report: Report, out: TextIO, include_totals: bool) -> None:
    document: dict[str, Any] = {
        "title": report.title,
        "columns": [{"key": c.key, "title": c.title, "kind": c.kind} for c in report.columns],
        "rows": [{c.key: _json_value(row.get(c.key)) for c in report.columns} for row in report.rows],
    }
    if report.generated:
        document["generated"] = report.generated.isoformat()
    if include_totals:
        document["totals"] = {k: _json_value(v) for k, v in report.totals().items()}
    json.dump(document, out, indent=2)
    out.write("\n")


def _md_escape(text: str) -> str:
    return text.replace("|", "\\|")


def write_markdown(report: Report, out: TextIO, include_totals: bool) -> None:
    header, body = _table(report, include_totals)
    out.write(f"## {report.title}\n\n")
    out.write("| " + " | ".join(_md_escape(h) for h in header) + " |\n")
    out.write("|" + "|".join("---:" if c.numeric else "---" for c in report.columns) + "|\n")
    for row in body:
        out.write("| " + " | ".join(_md_escape(cell) for cell in row) + " |\n")


def write_html(report: Report, out: TextIO, include_totals: bool) -> None:
    header, body = _table(report, include_totals)
    out.write(f"<table>\n<caption>{html.escape(report.title)}</caption>\n<thead><tr>")
    out.write("".join(f"<th>{html.escape(h)}</th>" for h in header))
    out.write("</tr></thead>\n<tbody>\n")
    for row in body:
        cells = "".join(
            f'<td class="num">{html.escape(cell)}</td>' if column.numeric else f"<td>{html.escape(cell)}</td>"
            for column, cell in zip(report.columns, row)
        )
        out.write(f"<tr>{cells}</tr>\n")
    out.write("</tbody>\n</table>\n")


def write_text(report: Report, out: TextIO, include_totals: bool) -> None:
    header, body = _table(report, include_totals)
    widths = [max(len(cell) for cell in column) for column in zip(header, *body)]

    def line(cells: Iterable[str]) -> str:
        parts = []
        for column, cell, width in zip(report.columns, cells, widths):
            parts.append(cell.rjust(width) if column.numeric else cell.ljust(width))
        return "  ".join(parts).rstrip()

    out.write(report.title + "\n")
    out.write(line(header) + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for row in body:
        out.write(line(row) + "\n")


Writer = Callable[[Report, TextIO, bool], None]

WRITERS: dict[str, Writer] = {
    "csv": write_csv,
    "json": write_json,
    "markdown": write_markdown,
    "html": write_html,
    "text": write_text,
}

EXTENSIONS = {".csv": "csv", ".json": "json", ".md": "markdown", ".html": "html", ".htm": "html", ".txt": "text"}


def available_formats() -> list[str]:
    return sorted(WRITERS)


def export_report(
    report: Report,
    output_format: str = "csv",
    *,
    stream: TextIO | None = None,
    include_totals: bool = False,
) -> str:
    """Render `report` in format `output_format`; write it to `stream` when given, and return the text."""
    try:
        writer = WRITERS[output_format]
    except KeyError:
        raise ValueError(f"unknown format {output_format!r}; choose from {', '.join(available_formats())}") from None
    buffer = io.StringIO()
    writer(report, buffer, include_totals)
    text = buffer.getvalue()
    if stream is not None:
        stream.write(text)
    return text


def format_for_path(path: str) -> str:
    """The export format matching a file name's extension."""
    extension = os.path.splitext(path)[1].lower()
    if extension not in EXTENSIONS:
        raise ValueError(f"cannot tell the format of {path!r}")
    return EXTENSIONS[extension]


def export_to_file(report: Report, path: str, output_format: str | None = None, *, include_totals: bool = False) -> str:
    """Write `report` to `path`, in `output_format` or else the format its extension names; returns the format used."""
    chosen = output_format or format_for_path(path)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        export_report(report, output_format=chosen, stream=fh, include_totals=include_totals)
    return chosen
