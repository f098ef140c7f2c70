"""The lending desk: checkouts, returns, renewals and late fees.

Loan periods and late days are counted in opening days (see `dates`).
Fees are integer cents, capped per loan.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .catalog import Catalog
from .dates import add_open_days

LOAN_DAYS = 18
MAX_RENEWALS = 2
MAX_LOANS = 5
FEE_PER_DAY = 20
FEE_CAP = 500


class LoanError(Exception):
    """A checkout, return or renewal that the desk must refuse."""


@dataclass
class Loan:
    book_id: str
    member: str
    borrowed: dt.date
    due: dt.date
    renewals: int = 0
    returned: dt.date | None = None

    @property
    def open(self) -> bool:
        return self.returned is None


class Desk:
    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.loans: list[Loan] = []
        self.fees: dict[str, int] = {}

    def current(self, book_id: str) -> Loan | None:
        """The open loan of a book, if it is out."""
        for loan in self.loans:
            if loan.book_id == book_id and loan.open:
                return loan
        return None

    def loans_of(self, member: str) -> list[Loan]:
        return [loan for loan in self.loans if loan.member == member and loan.open]

    def checkout(self, book_id: str, member: str, today: dt.date) -> Loan:
        book = self.catalog.get(book_id)
        if book.reference:
            raise LoanError(f"{book.title!r} is a reference book")
        if self.current(book_id):
            raise LoanError(f"{book.title!r} is already out")
        if len(self.loans_of(member)) >= MAX_LOANS:
            raise LoanError(f"{member} already has {MAX_LOANS} books")
        if self.fees.get(member, 0) > 0:
            raise LoanError(f"{member} has unpaid fees")
        loan = Loan(book_id, member, today, add_open_days(today, LOAN_DAYS))
        self.loans.append(loan)
        return loan

    def late_fee(self, loan: Loan, today: dt.date) -> int:
        """Cents owed for returning `loan` on `today`: a fee per opening day late, capped."""
        late = days_between(loan.due, today)
        return min(FEE_CAP, late * FEE_PER_DAY)

    def return_book(self, book_id: str, today: dt.date) -> int:
        """Close the book's loan; any late fee is added to the member's account and returned."""
        loan = self.current(book_id)
        if loan is None:
            raise LoanError(f"{book_id} is not out")
        loan.returned = today
        fee = self.late_fee(loan, today)
        if fee:
            self.fees[loan.member] = self.fees.get(loan.member, 0) + fee
        return fee

    def renew(self, book_id: str, today: dt.date) -> dt.date:
        """Extend a loan that is not late yet by a full period from today."""
        loan = self.current(book_id)
        if loan is None:
            raise LoanError(f"{book_id} is not out")
        if loan.renewals >= MAX_RENEWALS:
            raise LoanError("no renewals left")
        if today > loan.due:
            raise LoanError("late loans cannot be renewed")
        loan.renewals += 1
        loan.due = add_open_days(today, LOAN_DAYS)
        return loan.due

    def pay(self, member: str, cents: int) -> int:
        """Pay towards a member's fees; returns what is still owed."""
        owed = self.fees.get(member, 0)
        left = max(0, owed - cents)
        if left:
            self.fees[member] = left
        else:
            self.fees.pop(member, None)
        return left

    def overdue(self, today: dt.date) -> list[tuple[str, str, int]]:
        """(member, book title, fee so far) of open late loans, by member then title."""
        rows = []
        for loan in self.loans:
            if loan.open and today > loan.due:
                rows.append((loan.member, self.catalog.get(loan.book_id).title, self.late_fee(loan, today)))
        return sorted(rows)
