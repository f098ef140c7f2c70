import datetime as dt
from decimal import Decimal

from officekit import dates, invoices, payroll
from officekit.invoices import Invoice, InvoiceBook

FRI = dt.date(2024, 3, 1)


def test_add_business_days():
    add = dates.add_business_days
    assert add(FRI, 0) == FRI
    assert add(dt.date(2024, 3, 2), 0) == dt.date(2024, 3, 2)
    assert add(FRI, 1) == dt.date(2024, 3, 4)
    assert add(FRI, 5) == dt.date(2024, 3, 8)
    assert add(dt.date(2024, 3, 2), 1) == dt.date(2024, 3, 4)
    assert add(FRI, 1, holidays=[dt.date(2024, 3, 4)]) == dt.date(2024, 3, 5)
    assert add(FRI, 2, {dt.date(2024, 3, 4), dt.date(2024, 3, 5)}) == dt.date(2024, 3, 7)
    assert add(FRI, 10, holidays=iter([dt.date(2024, 3, 11)])) == dt.date(2024, 3, 18)


def test_invoice_due_dates_unchanged():
    easter_monday = dt.date(2024, 4, 1)
    book = InvoiceBook(holidays={easter_monday})
    inv = Invoice("F-1", "Acme", dt.date(2024, 3, 28), Decimal("120.00"), terms_days=2)
    assert book.due_date(inv) == dt.date(2024, 4, 2)
    inv10 = Invoice("F-2", "Acme", FRI, Decimal("5"))
    assert book.due_date(inv10) == dt.date(2024, 3, 15)
    book.invoices += [inv, inv10]
    assert book.overdue(dt.date(2024, 3, 16)) == [inv10]
    assert "Fri 15 Mar 2024" in book.reminder(inv10)


def test_payslip_days_unchanged():
    assert payroll.payslip_day(2024, 3) == dt.date(2024, 4, 3)
    assert payroll.payslip_day(2024, 3, [dt.date(2024, 4, 1)]) == dt.date(2024, 4, 4)
    assert payroll.payslip_day(2024, 8) == dt.date(2024, 9, 4)
    sched = payroll.schedule(2024)
    assert sched[1] == (2, dt.date(2024, 2, 29), dt.date(2024, 3, 5))
