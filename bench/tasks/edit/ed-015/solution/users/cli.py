"""Command line for the user directory.

    python -m users.cli list users.csv [--role ROLE]
    python -m users.cli import users.csv incoming.csv
    python -m users.cli audit users.csv [--trust example.com ...]
"""

from __future__ import annotations

import argparse
import datetime as dt

from .audit import audit_file, format_findings
from .store import UserStore, load_users, merge, save_users


def read_file(path: str) -> UserStore:
    with open(path, newline="", encoding="utf-8") as fh:
        return load_users(fh)


def write_file(store: UserStore, path: str) -> int:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        return save_users(store, fh)


def cmd_list(args: argparse.Namespace) -> int:
    store = read_file(args.file)
    users = store.with_role(args.role) if args.role else list(store)
    for user in users:
        flag = "" if user.active else " (inactive)"
        print(f"{user.username:<16} {user.email:<32} {','.join(sorted(user.roles))}{flag}")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    store = read_file(args.file)
    incoming = read_file(args.incoming)
    added, updated = merge(store, incoming)
    write_file(store, args.file)
    print(f"{added} added, {updated} updated, {len(store)} users")
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    today = dt.date.fromisoformat(args.today) if args.today else None
    trusted = set(args.trust) if args.trust else None
    findings = audit_file(args.file, today, trusted)
    print(format_findings(findings))
    return 1 if findings else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="users")
    commands = parser.add_subparsers(dest="command", required=True)
    listing = commands.add_parser("list")
    listing.add_argument("file")
    listing.add_argument("--role")
    listing.set_defaults(run=cmd_list)
    importing = commands.add_parser("import")
    importing.add_argument("file")
    importing.add_argument("incoming")
    importing.set_defaults(run=cmd_import)
    auditing = commands.add_parser("audit")
    auditing.add_argument("file")
    auditing.add_argument("--trust", nargs="*")
    auditing.add_argument("--today")
    auditing.set_defaults(run=cmd_audit)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    raise SystemExit(main())
