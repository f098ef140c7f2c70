"""An example script's expected values against what the new code printed."""

from __future__ import annotations

import subprocess
import sys

from smallcode_ls.agent.expectations import (
    PRELUDE_LINES,
    agrees,
    instrumented,
    misses,
    printed,
    shown_output,
    stated_in,
    unlike_pattern,
)

SCRIPT = """def slugify(text):
    return text.title().replace(" ", "")

print(slugify("hello world"))  # expect: hello-world
print(slugify("Done"))  # Output: Done
print(len("abc") / 2)  # -> 1.5
print([slugify("a b")])  # expect: ['a-b']
print(slugify("x"))
print(slugify("y z"), "# expect: Y-z")
print(slugify("q"), "just a label")
print("Slug:", slugify("r"))  # expect: R
for word in ["a"]:
    print(word)  # expect: b
"""


def run(script: str) -> str:
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=30)
    return done.stdout + done.stderr


def test_the_printed_values_are_compared_with_the_expected_ones() -> None:
    runnable, expectations = instrumented(SCRIPT)
    assert [(e.line, e.call, e.expected) for e in expectations] == [
        (4, 'slugify("hello world")', "hello-world"),
        (5, 'slugify("Done")', "Done"),
        (6, 'len("abc") / 2', "1.5"),
        (7, '[slugify("a b")]', "['a-b']"),
        (9, 'slugify("y z")', "Y-z"),
        (11, 'slugify("r")', "R"),
    ]  # a print inside a loop is not one value, and a print with no expectation is left alone
    assert len(runnable.split("\n")) == len(SCRIPT.split("\n")) + PRELUDE_LINES
    output = run(runnable)
    assert shown_output(output).split("\n")[:6] == ["HelloWorld", "Done", "1.5", "['AB']", "X", "YZ"]
    found = misses(output, expectations)
    assert [m.describe() for m in found] == [
        '`slugify("hello world")` printed `HelloWorld` where your example expected `hello-world`',
        "`[slugify(\"a b\")]` printed `['AB']` where your example expected `['a-b']`",
        '`slugify("y z")` printed `YZ` where your example expected `Y-z`',
    ]


def test_every_value_reached_is_kept_with_its_expectation() -> None:
    runnable, expectations = instrumented(SCRIPT)
    assert printed(run(runnable), expectations) == [
        ("hello-world", "'HelloWorld'"),
        ("Done", "'Done'"),
        ("1.5", "1.5"),
        ("['a-b']", "['AB']"),
        ("Y-z", "'YZ'"),
        ("R", "'R'"),
    ]
    stops = "print(1)  # expect: 1\nraise SystemExit(3)\nprint(2)  # expect: 2\n"
    runnable, expectations = instrumented(stops)
    assert printed(run(runnable), expectations) == [("1", "1")]


def test_values_alike_where_different_ones_were_expected_break_the_pattern() -> None:
    # `job1`, `job2`, `job3` is the wrong form for a `Job`, but three different jobs were expected.
    same = [("job1", "Job('a')"), ("job2", "Job('a')"), ("job3", "Job('a')")]
    popped = [("job1", "Job('a')"), ("job2", "Job('b')"), ("job3", "Job('c')")]
    assert unlike_pattern(same) == 3 and unlike_pattern(popped) == 0
    # Two equal values expected, two different printed: one pair off.
    assert unlike_pattern([("20", "30"), ("20", "40"), ("10", "10")]) == 1
    assert unlike_pattern([]) == 0 and unlike_pattern([("1", "2")]) == 0


def test_a_script_without_expectations_runs_as_written() -> None:
    assert instrumented("print(1)\n") == ("print(1)\n", [])
    assert instrumented("def broken(:\n") == ("def broken(:\n", [])
    # The prompt's placeholder copied back is no expectation.
    assert instrumented("print(1)  # expect: value\nprint(2)  # expect: ...\n")[1] == []


def test_only_what_can_be_compared_for_sure_counts_against_the_code() -> None:
    # Written to the precision the model gave, or as an int for a float.
    assert agrees("3.11", "3.1068559", "3.1068559")
    assert agrees("2000", "2000.0", "2000.0")
    assert not agrees("15.0", "20", "20")
    assert agrees("'cafe'", "'cafe'", "cafe") and agrees("cafe", "'cafe'", "cafe")
    assert not agrees("cafe", "'Cafe'", "Cafe")
    assert not agrees("['Short line.']", "[' Short line.']", "[' Short line.']")
    assert agrees("2024-01-05", "datetime.date(2024, 1, 5)", "2024-01-05")
    assert not agrees("True", "False", "False")
    assert agrees("nan", "nan", "nan")
    # A constructor call or a sentence is not compared: a dataclass's repr would differ anyway.
    assert agrees("Job('job1', 5)", "Job(name='job1', priority=5)", "Job(name='job1', priority=5)")
    assert agrees("about 3 (rounded)", "2.9", "2.9")


def test_an_expectation_may_stand_on_the_comment_line_above_its_print() -> None:
    script = (
        "# expect: 6\n"
        "print(2 * 3)\n"
        "\n"
        "# expect: 2.5\n"
        "half = 5 / 2\n"
        "print(half)\n"
        "# expect: 1\n"
        "for x in [1]:\n"
        "    print(x)\n"
        "print(7)\n"
        "# expect: 9\n"
        "print(8)  # expect: 8\n"
    )
    runnable, expectations = instrumented(script)
    assert [(e.line, e.call, e.expected) for e in expectations] == [
        (2, "2 * 3", "6"),
        (6, "half", "2.5"),
        (12, "8", "8"),
    ]
    assert misses(run(runnable), expectations) == []


def test_a_value_counts_as_stated_when_the_docstring_gives_it() -> None:
    doc = 'Accented letters become ASCII ("Café" -> "cafe"). 100 C is 212 F. At most 3 parts.'
    assert stated_in("cafe", doc) and stated_in("'cafe'", doc) and stated_in("212.0", doc)
    assert not stated_in("Cafe", doc) and not stated_in("2000.0", doc)
    # Too short or too common to mean anything, or only part of a longer word or number.
    assert not stated_in("3", doc) and not stated_in("None", doc) and not stated_in("21", doc)
