"""Entries by date; balances on any day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .money import format_cents, to_cents


@dataclass(frozen=True)
class Entry:
    day: dt.date
    account: str
    cents: int
    memo: str = ""


@dataclass
class Ledger:
    entries: list[Entry] = field(default_factory=list)

    def post(self, day: dt.date, account: str, amount: str, memo: str = "") -> Entry:
        entry = Entry(day, account, to_cents(amount), memo)
        self.entries.append(entry)
        return entry

    def balance_on(self, account: str, day: dt.date) -> str:
        """The account's balance at the end of `day`, formatted."""
        total = sum(e.cents for e in self.entries if e.account == account and e.day <= day)
        return format_cents(total)

    def accounts(self) -> list[str]:
        return sorted({e.account for e in self.entries})

    def entries_for(self, account: str) -> list[Entry]:
        """The account's entries in date order (stable for the same day)."""
        return sorted((e for e in self.entries if e.account == account), key=lambda e: e.day)

    def statement(self, account: str) -> list[str]:
        """One line per entry with the running balance, as a bank statement shows it."""
        running = 0
        lines = []
        for entry in self.entries_for(account):
            running += entry.cents
            memo = f"  {entry.memo}" if entry.memo else ""
            lines.append(f"{entry.day.isoformat()}  {format_cents(entry.cents):>10}  {format_cents(running):>10}{memo}")
        return lines

    def trial_balance(self) -> dict[str, str]:
        """Every account's final balance; in a balanced ledger they sum to zero."""
        totals: dict[str, int] = {}
        for entry in self.entries:
            totals[entry.account] = totals.get(entry.account, 0) + entry.cents
        return {account: format_cents(cents) for account, cents in sorted(totals.items())}
