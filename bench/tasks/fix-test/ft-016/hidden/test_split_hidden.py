from fractions import Fraction

from tabsplit.split import receipt, split_by_weights, split_evenly, split_orders


def test_largest_remainders_get_the_cents():
    # exact: 142.857, 285.714, 571.428 -> floors 142, 285, 571, two cents left
    assert split_by_weights(1000, [1, 2, 4]) == [143, 286, 571]
    assert split_by_weights(10, [3, 3, 1]) == [4, 4, 2]


def test_ties_go_to_earlier_shares():
    assert split_by_weights(5, [1, 1, 1]) == [2, 2, 1]
    assert split_evenly(7, 4) == [2, 2, 2, 1]


def test_shares_always_sum_to_total():
    for total in (1, 99, 1001, 12345):
        for weights in ([5, 3, 1], [1, 1, 1, 1, 1, 1, 1], [Fraction(1, 3), Fraction(2, 3)], [7, 0, 2]):
            shares = split_by_weights(total, weights)
            assert sum(shares) == total
            exact = [Fraction(total) * w / sum(weights) for w in weights]
            assert all(abs(s - e) < 1 for s, e in zip(shares, exact))


def test_split_orders_and_receipt():
    shares = split_orders({"cy": 1000, "dee": 2000, "eli": 4000}, tip_percent=0)
    assert shares == {"cy": 1000, "dee": 2000, "eli": 4000}
    shares = split_orders({"cy": 100, "dee": 200, "eli": 400}, tip_percent=15)
    assert shares == {"cy": 115, "dee": 230, "eli": 460}
    shares = split_orders({"cy": 333, "dee": 667}, tip_percent=12)
    assert shares == {"cy": 373, "dee": 747}
    assert receipt({"cy": 373}) == "cy      3.73"
