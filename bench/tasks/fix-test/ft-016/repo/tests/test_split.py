from tabsplit.money import parse_cents
from tabsplit.split import split_by_weights, split_evenly, split_orders


def test_even_split_gives_extra_cents_to_first():
    assert split_evenly(1000, 3) == [334, 333, 333]


def test_weighted_split_rounds_by_largest_remainder():
    # exact shares 33.33, 66.67 and 0 -> the second share gets the leftover cent
    assert split_by_weights(100, [1, 2, 0]) == [33, 67, 0]


def test_orders_with_tip():
    orders = {"ana": parse_cents("18.40"), "ben": parse_cents("21.60")}
    assert split_orders(orders, tip_percent=10) == {"ana": 2024, "ben": 2376}
