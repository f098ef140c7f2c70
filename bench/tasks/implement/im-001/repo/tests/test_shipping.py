from shop.shipping import shipping_cost


def test_bands():
    assert shipping_cost(300, 1000) == 399
    assert shipping_cost(1500, 1000) == 699


def test_free_above_threshold():
    assert shipping_cost(1500, 5000) == 0


def test_heavy_parcel():
    assert shipping_cost(11500, 100) == 1299 + 2 * 150
