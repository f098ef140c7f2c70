"""A group's shared expenses, balances, and the transfers that settle them."""

from __future__ import annotations

from dataclasses import dataclass, field

from .money import format_cents, split_cents, to_cents


@dataclass(frozen=True)
class Expense:
    payer: str
    amount_cents: int
    participants: tuple[str, ...]
    description: str = ""


@dataclass(frozen=True)
class Transfer:
    debtor: str
    creditor: str
    cents: int

    def __str__(self) -> str:
        return f"{self.debtor} pays {self.creditor} {format_cents(self.cents)}"


def balances(expenses: list[Expense]) -> dict[str, int]:
    """Each person's net balance in cents: what they paid minus their shares.

    Every expense is divided among its participants with `split_cents` from
    splitbill/money.py, shares given in the order the participants are listed
    (so the first participants absorb the leftover cents). The payer does not
    have to be a participant. Everyone who appears as a payer or participant
    is in the result, which is sorted by name; the balances add up to zero.
    Raises ValueError for an expense with no participants.
    """
    result: dict[str, int] = {}
    for expense in expenses:
        if not expense.participants:
            raise ValueError(f"expense {expense.description!r} has no participants")
        result[expense.payer] = result.get(expense.payer, 0) + expense.amount_cents
        for person, share in zip(expense.participants, split_cents(expense.amount_cents, len(expense.participants))):
            result[person] = result.get(person, 0) - share
    return dict(sorted(result.items()))


def settle_up(balance: dict[str, int]) -> list[Transfer]:
    """Transfers that bring every balance to zero.

    The person who owes most pays the person owed most, repeatedly; ties are
    broken by name, so the result is deterministic.
    """
    debtors = sorted(((-c, n) for n, c in balance.items() if c < 0), key=lambda t: (-t[0], t[1]))
    creditors = sorted(((c, n) for n, c in balance.items() if c > 0), key=lambda t: (-t[0], t[1]))
    transfers = []
    while debtors and creditors:
        owed, debtor = debtors[0]
        due, creditor = creditors[0]
        amount = min(owed, due)
        transfers.append(Transfer(debtor, creditor, amount))
        debtors[0] = (owed - amount, debtor)
        creditors[0] = (due - amount, creditor)
        debtors = sorted((d for d in debtors if d[0] > 0), key=lambda t: (-t[0], t[1]))
        creditors = sorted((c for c in creditors if c[0] > 0), key=lambda t: (-t[0], t[1]))
    return transfers


@dataclass
class Group:
    name: str
    members: list[str] = field(default_factory=list)
    expenses: list[Expense] = field(default_factory=list)

    def join(self, person: str) -> None:
        if person not in self.members:
            self.members.append(person)

    def add_expense(self, payer: str, amount: str, participants: list[str] | None = None, description: str = "") -> Expense:
        """Record an expense; participants default to every member."""
        for person in [payer, *(participants or [])]:
            self.join(person)
        chosen = tuple(participants) if participants else tuple(self.members)
        expense = Expense(payer, to_cents(amount), chosen, description)
        self.expenses.append(expense)
        return expense

    def total_spent(self) -> int:
        return sum(e.amount_cents for e in self.expenses)

    def balance_lines(self) -> list[str]:
        return [f"{name:<10} {format_cents(cents):>10}" for name, cents in balances(self.expenses).items()]

    def settlement(self) -> list[str]:
        return [str(t) for t in settle_up(balances(self.expenses))]
