import pytest

from textkit.wrap import box, center, truncate, wrap_paragraph, wrap_text


def test_wrap_paragraph_greedy():
    text = "the quick brown fox jumps over the lazy dog"
    assert wrap_paragraph(text, 15) == ["the quick brown", "fox jumps over", "the lazy dog"]


def test_wrap_paragraph_indent_counts():
    assert wrap_paragraph("aa bb cc", 7, indent="> ") == ["> aa bb", "> cc"]


def test_long_word_alone():
    assert wrap_paragraph("a extraordinarily b", 5) == ["a", "extraordinarily", "b"]


def test_wrap_text_keeps_paragraphs():
    text = "one two three\n\n\nfour five"
    assert wrap_text(text, 8) == "one two\nthree\n\nfour\nfive"


def test_width_must_exceed_indent():
    with pytest.raises(ValueError):
        wrap_paragraph("x", 2, indent="--")


def test_helpers():
    assert center("abc", 7) == "  abc  "
    assert box(["a", "bcd"]) == ["+-----+", "| a   |", "| bcd |", "+-----+"]
    assert truncate("hello", 2) == ".."
