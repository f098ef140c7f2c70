from inventory import Inventory


def test_cheapest():
    inv = Inventory()
    inv.add("pen", 1.5, 10)
    inv.add("book", 12.0)
    assert inv.cheapest().name == "pen"


def test_report():
    inv = Inventory()
    inv.add("pen", 1.5, 2)
    assert inv.report().splitlines()[-1] == '{"items": 1}'
