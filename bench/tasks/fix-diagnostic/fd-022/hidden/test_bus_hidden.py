from eventbus.bus import EventBus


def test_subscriptions_for_orders_by_priority_then_order():
    bus = EventBus()
    a = bus.subscribe("order.*", lambda e: "a")
    b = bus.subscribe("order.created", lambda e: "b", priority=5)
    c = bus.subscribe("*", lambda e: "c")
    bus.subscribe("user.created", lambda e: "d")
    assert bus.subscriptions_for("order.created") == [b, a, c]
    assert bus.subscriptions_for("user.created")[0].pattern == "*"


def test_publish_once_and_errors():
    bus = EventBus()
    seen = []
    bus.subscribe("order.*", lambda e: seen.append(e.payload["id"]) or "logged")
    bus.subscribe("order.paid", lambda e: 1 / 0, priority=1)
    bus.subscribe("order.paid", lambda e: "first", priority=2, once=True)
    assert bus.publish("order.paid", id=7) == ["first", None, "logged"]
    assert bus.publish("order.paid", id=8) == [None, "logged"]
    assert seen == [7, 8]
    assert [type(exc) for _, exc in bus.errors] == [ZeroDivisionError, ZeroDivisionError]


def test_history_and_decorator():
    bus = EventBus(keep_history=2)

    @bus.on("ping")
    def pong(event):
        return "pong"

    for _ in range(3):
        assert bus.publish("ping") == ["pong"]
    assert bus.count("ping") == 2
    assert bus.replay(lambda e: None) == 2
