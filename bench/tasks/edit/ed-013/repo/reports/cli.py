"""Command line: render a report stored as JSON.

    python -m reports.cli report.json --format markdown [--totals] [--sort KEY] [-o out.md]
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal

from .export import Column, Report, available_formats, export_report, export_to_file


def load_report(path: str) -> Report:
    """Read the JSON written by `export_report(..., 'json')` (or by hand) back into a Report."""
    with open(path, encoding="utf-8") as fh:
        document = json.load(fh)
    columns = [Column(c["key"], c.get("title", c["key"]), c.get("kind", "text")) for c in document["columns"]]
    money = {c.key for c in columns if c.kind == "money"}
    rows = [{k: (Decimal(v) if k in money and v is not None else v) for k, v in row.items()} for row in document["rows"]]
    return Report(document.get("title", "Report"), columns, rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="reports")
    parser.add_argument("source")
    parser.add_argument("--format", default="text", choices=available_formats())
    parser.add_argument("--totals", action="store_true")
    parser.add_argument("--sort", help="column key to sort by")
    parser.add_argument("--desc", action="store_true", help="sort descending")
    parser.add_argument("-o", "--output", help="write to this file instead of standard output")
    args = parser.parse_args(argv)
    report = load_report(args.source)
    if args.sort:
        report = report.sorted_by(args.sort, reverse=args.desc)
    if args.output:
        export_to_file(report, args.output, fmt=args.format, include_totals=args.totals)
    else:
        export_report(report, fmt=args.format, stream=sys.stdout, include_totals=args.totals)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
