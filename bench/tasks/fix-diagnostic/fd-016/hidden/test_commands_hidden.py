import random

from chatbot.commands import registry


def test_dispatch_splits_quoted_arguments_and_options():
    assert registry.dispatch('/echo "hello   there" you') == "hello   there you"
    assert registry.dispatch("/say hi --loud") == "HI"
    ctx = {}
    assert registry.dispatch('/remind 2m "stand up" now', ctx) == "ok, in 120 s"
    assert ctx["reminders"] == [(120, "stand up now")]


def test_dispatch_topic_append():
    ctx = {}
    registry.dispatch("/topic release", ctx)
    assert registry.dispatch("/topic --append friday", ctx) == "topic: release | friday"


def test_dispatch_errors_and_non_commands():
    assert registry.dispatch("hello") is None
    assert registry.dispatch("//not a command") is None
    assert registry.dispatch("/nope") == "unknown command /nope; try /help"
    assert registry.dispatch("/remind 5m") == "/remind needs 2 argument(s): remind me: /remind 10m text"
    assert registry.dispatch('/echo "unclosed').startswith("/echo: ")


def test_roll_and_help():
    reply = registry.dispatch("/roll 3d6", {"rng": random.Random(7)})
    expected = [random.Random(7).randint(1, 6) for _ in range(1)]
    assert reply.startswith("3d6: " + str(expected[0]) + " + ")
    assert registry.dispatch("/HELP") == "commands: /echo, /help, /remind, /roll, /topic"
