from shop.order import Coupon, Order


def test_total_adds_shipping_under_threshold():
    order = Order("ana")
    order.add("mug", 1200, 2, weight_grams=300)
    assert order.grand_total() == 2400 + 699


def test_free_shipping_over_threshold():
    order = Order("ana")
    order.add("lamp", 6000, 1, weight_grams=1800)
    assert order.grand_total() == 6000


def test_threshold_uses_discounted_subtotal():
    order = Order("ana", coupon=Coupon("TEN", percent_off=20))
    order.add("lamp", 6000, 1, weight_grams=1800)
    # 6000 - 1200 = 4800 is under the 5000 threshold, so shipping is paid
    assert order.grand_total() == 4800 + 699


def test_discount_bigger_than_subtotal():
    order = Order("ana", coupon=Coupon("BIG", cents_off=10000))
    order.add("pin", 300, 1, weight_grams=100)
    assert order.grand_total() == 399


def test_empty_order_is_zero():
    assert Order("ana").grand_total() == 0
