"""Which line is wrong: numbering a function's code lines and reading the model's pick."""

from __future__ import annotations

from smallcode_ls.agent.line_choice import code_lines, line_question, picked_line

UNIT = '''def total(values):
    """Sum of the values.

    Empty gives 0.
    """
    result = 0

    # every value counts
    for v in values[1:]:
        result += v
    return result'''


def test_only_lines_with_code_are_numbered() -> None:
    lines = code_lines(UNIT, 10, "python")
    assert [n for n, _ in lines] == [10, 15, 18, 19, 20]
    assert lines[2] == (18, "    for v in values[1:]:")


def test_the_question_shows_the_failure_and_numbered_code() -> None:
    question = line_question("function total", code_lines(UNIT, 0, "python"), "E  assert 5 == 6\n", "fix total")
    assert "The task: fix total" in question and "E  assert 5 == 6" in question
    assert "  3:     for v in values[1:]:" in question and question.endswith("Answer with the number only.")


def test_the_pick_is_a_file_line() -> None:
    lines = code_lines(UNIT, 10, "python")
    assert picked_line("3", lines) == 18
    assert picked_line("Line 4 has the bug.", lines) == 19
    assert picked_line("9", lines) is None and picked_line("the loop", lines) is None
