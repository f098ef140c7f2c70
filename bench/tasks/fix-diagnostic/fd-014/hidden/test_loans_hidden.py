import datetime as dt

import pytest

from library.catalog import Book, Catalog
from library.loans import Desk, LoanError

MON = dt.date(2024, 6, 3)


def desk():
    return Desk(Catalog([Book("b1", "Dune", "Herbert"), Book("b2", "Atlas", "Maps", reference=True), Book("b3", "Emma", "Austen")]))


def test_due_and_late_fee_in_opening_days():
    d = desk()
    loan = d.checkout("b1", "ann", MON)
    assert loan.due == dt.date(2024, 6, 24)
    assert d.late_fee(loan, dt.date(2024, 6, 24)) == 0
    assert d.late_fee(loan, dt.date(2024, 6, 20)) == 0
    # Tue 25 .. Mon July 1 is 6 opening days (Sunday 30 does not count)
    assert d.late_fee(loan, dt.date(2024, 7, 1)) == 120
    assert d.late_fee(loan, dt.date(2024, 9, 1)) == 500


def test_return_charges_fee():
    d = desk()
    d.checkout("b1", "ann", MON)
    assert d.overdue(dt.date(2024, 6, 26)) == [("ann", "Dune", 40)]
    assert d.return_book("b1", dt.date(2024, 6, 26)) == 40
    assert d.fees == {"ann": 40}
    with pytest.raises(LoanError):
        d.checkout("b3", "ann", dt.date(2024, 6, 27))
    assert d.pay("ann", 40) == 0
    d.checkout("b3", "ann", dt.date(2024, 6, 27))


def test_rules():
    d = desk()
    with pytest.raises(LoanError):
        d.checkout("b2", "bob", MON)
    d.checkout("b1", "bob", MON)
    with pytest.raises(LoanError):
        d.checkout("b1", "cid", MON)
    assert d.renew("b1", dt.date(2024, 6, 10)) == dt.date(2024, 7, 1)
    assert d.return_book("b1", dt.date(2024, 6, 30)) == 0
    with pytest.raises(LoanError):
        d.return_book("b1", dt.date(2024, 7, 1))
