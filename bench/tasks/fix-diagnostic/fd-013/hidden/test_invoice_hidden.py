import datetime as dt
from decimal import Decimal

import pytest

from invoicing.customers import Customer
from invoicing.invoice import format_eur, money, new_invoice, outstanding

LOCAL = Customer("Atelier Nord", "1 rue Haute", "Lille")
ABROAD = Customer("Studio Ost", "Hauptstr. 2", "Berlin", country="DE", vat_number="DE123", payment_days=15)


def test_money_rounds_half_up():
    assert money("2.345") == Decimal("2.35")
    assert money(0.125) == Decimal("0.13")
    assert format_eur(Decimal("1234567.5")) == "1 234 567.50 EUR"
    assert format_eur(Decimal("-3")) == "-3.00 EUR"


def test_invoice_totals():
    inv = new_invoice(LOCAL, dt.date(2024, 5, 2), ["INV-2024-0004"])
    assert inv.number == "INV-2024-0005"
    inv.add("Logo design", 1, "850")
    inv.add("Printed books", 3, "12.335", vat="reduced")
    assert inv.subtotal() == Decimal("887.01")
    inv.discount_percent = Decimal("10")
    assert inv.discount() == Decimal("88.70")
    assert inv.net() == Decimal("798.31")
    assert inv.tax() == Decimal("156.33")
    assert inv.total() == Decimal("954.64")
    assert inv.pay("900") == Decimal("54.64")
    with pytest.raises(ValueError):
        inv.pay(0)


def test_reverse_charge_and_outstanding():
    inv = new_invoice(ABROAD, dt.date(2024, 5, 2), [])
    inv.add("Icons", 2, "100")
    assert inv.tax() == Decimal("0")
    assert inv.total() == Decimal("200.00")
    assert "reverse charge" in inv.render()
    assert inv.due == dt.date(2024, 5, 17)
    assert outstanding([inv], dt.date(2024, 5, 18)) == {"Studio Ost": Decimal("200.00")}
    assert outstanding([inv], dt.date(2024, 5, 17)) == {}
