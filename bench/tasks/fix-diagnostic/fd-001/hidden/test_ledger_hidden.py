import datetime as dt

from ledger.book import Ledger


def test_balance_on_counts_entries_up_to_the_day():
    book = Ledger()
    book.post(dt.date(2024, 1, 1), "cash", "10.50")
    book.post(dt.date(2024, 1, 2), "cash", "-0.75")
    book.post(dt.date(2024, 1, 3), "cash", "1")
    assert book.balance_on("cash", dt.date(2024, 1, 2)) == "9.75"
    assert book.balance_on("cash", dt.date(2024, 1, 3)) == "10.75"
    assert book.balance_on("bank", dt.date(2024, 1, 3)) == "0.00"
