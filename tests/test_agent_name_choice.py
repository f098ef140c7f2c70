"""An undefined name asked as a multiple-choice question: the pieces the engine puts together."""

from __future__ import annotations

from smallcode_ls.agent.name_choice import Choice, clear_winner, picked, question, replaced, wanted_kinds

CHOICES = [
    Choice("errors.GraphError", "class", "Base class."),
    Choice("errors.Unreachable", "class", "There is no path from `start` to `goal`."),
]


def test_what_may_stand_where_the_name_is_used() -> None:
    assert wanted_kinds("    raise NoPath(a, b)", "NoPath", "python") == ("class",)
    assert wanted_kinds("    except (KeyError, NoPath):\n        pass", "NoPath", "python") == ("class",)
    assert wanted_kinds("    x = parse_value(raw)\n    y = parse_value (raw)", "parse_value", "python") == (
        "function",
        "class",
    )
    # a plain value, or a use only inside a string: no question
    assert wanted_kinds("    limit = LIMIT + 1", "LIMIT", "python") == ()
    assert wanted_kinds("    log('parse_value(x)')", "parse_value", "python") == ()


def test_the_question_numbers_the_choices_and_offers_none() -> None:
    text = question("NoPath", "function shortest_path", ["        raise NoPath(start, goal)"], CHOICES)
    assert "`raise NoPath(start, goal)`" in text
    assert "1. `errors.GraphError` (class): Base class." in text
    assert "2. `errors.Unreachable` (class): There is no path" in text
    assert "0. none of them" in text and text.endswith("Answer with the number only.")


def test_a_reply_picks_by_number_or_by_name() -> None:
    assert picked("2", CHOICES) == CHOICES[1]
    assert picked("The answer is 1.", CHOICES) == CHOICES[0]
    assert picked("`errors.Unreachable`", CHOICES) == CHOICES[1]
    assert picked("0", CHOICES) is None
    assert picked("7", CHOICES) is None  # out of range
    assert picked("errors.GraphError or errors.Unreachable", CHOICES) is None  # unclear


def test_the_name_is_replaced_only_as_code_in_the_unit() -> None:
    text = "def f():\n    # NoPath here\n    raise NoPath('NoPath')\n\n\ndef g():\n    raise NoPath()\n"
    out = replaced(text, 0, 2, "NoPath", "errors.Unreachable", "python")
    assert out.split("\n")[1:3] == ["    # NoPath here", "    raise errors.Unreachable('NoPath')"]
    assert out.split("\n")[6] == "    raise NoPath()"  # outside the unit


def test_a_clear_winner_needs_enough_shared_words_and_no_rival() -> None:
    unreachable = Choice("errors.Unreachable", "class", "There is no path from `start` to `goal`.")
    cycle = Choice("errors.CycleError", "class", "A topological order was asked of a graph with a cycle.")
    line = ["raise NoPath(start, goal)"]
    assert clear_winner([cycle, unreachable], "NoPath", line) == unreachable
    assert clear_winner([cycle], "NoPath", line) is None  # nothing shared
    rival = Choice("errors.GoalError", "class", "The goal is unknown.")
    assert clear_winner([unreachable, rival], "NoPath", line) is None  # another shares `goal`
    assert clear_winner([unreachable], "Gone", ["raise Gone()"]) is None  # too few words in common


def test_context_words_alone_make_no_winner() -> None:
    # fd-009: `Config` ("Typed values per section.") shares `typed` and `section` with the line,
    # `values.coerce` ("Type a raw value.") shares `value`: the model is asked, in the usual order.
    config = Choice("Config", "class", "Typed values per section.")
    coerce = Choice("values.coerce", "function", "Type a raw value.")
    line = ['typed[key] = parse_value(lookup(f"{section}.{key}"))']
    assert clear_winner([coerce, config], "parse_value", line) is None
