import datetime as dt

from csvreport.data import load_sales, parse_price


def test_parse_price():
    assert parse_price("12.5") == 1250
    assert parse_price("3") == 300


def test_load_sales():
    (sale,) = load_sales("date,region,product,quantity,unit_price\n2024-01-05,north,tea,3,2.50\n")
    assert sale.day == dt.date(2024, 1, 5)
    assert sale.total_cents == 750
