import pytest

from textkit.wrap import bullet, wrap_paragraph, wrap_text


def test_greedy_fill():
    assert wrap_paragraph("the quick brown fox jumps over", 10) == ["the quick", "brown fox", "jumps over"]


def test_exact_width_fits():
    assert wrap_paragraph("abcd efgh", 9) == ["abcd efgh"]


def test_whitespace_collapsed():
    assert wrap_paragraph("  one\n two\tthree  ", 20) == ["one two three"]


def test_long_word_alone():
    assert wrap_paragraph("a extraordinarily b", 5) == ["a", "extraordinarily", "b"]


def test_empty():
    assert wrap_paragraph("   ", 10) == []


def test_bad_width():
    with pytest.raises(ValueError):
        wrap_paragraph("x", 0)


def test_callers():
    assert wrap_text("aa bb cc\n\ndd", 5) == "aa bb\ncc\n\ndd"
    assert bullet("one two three", 9) == "- one two\n  three"
