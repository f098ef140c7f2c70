"""Command line: `python -m inventory.cli stock.csv [--cover DAYS] [--sku SKU]`."""

from __future__ import annotations

import argparse
import csv

from . import stock
from .report import render_reorder_report


def load_book(path: str) -> stock.StockBook:
    """Read a CSV with columns sku,name,on_hand,reorder_point,daily_usage,lead_time_days,pack_size."""
    book = stock.StockBook()
    with open(path, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            book.add(
                stock.StockItem(
                    sku=row["sku"],
                    name=row["name"],
                    on_hand=int(row["on_hand"]),
                    reorder_point=int(row["reorder_point"]),
                    daily_usage=float(row["daily_usage"]),
                    lead_time_days=int(row.get("lead_time_days") or 7),
                    pack_size=int(row.get("pack_size") or 1),
                )
            )
    return book


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="inventory")
    parser.add_argument("csv")
    parser.add_argument("--cover", type=int, default=30, help="days of usage to cover")
    parser.add_argument("--sku", help="print only this item's order quantity")
    args = parser.parse_args(argv)
    book = load_book(args.csv)
    if args.sku:
        print(stock.calc_reorder_qty(book.get(args.sku), args.cover))
    else:
        print(render_reorder_report(book, args.cover))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
