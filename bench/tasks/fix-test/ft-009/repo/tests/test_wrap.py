from textkit.width import display_width
from textkit.wrap import fill, hanging, wrap


def test_wrap_ascii():
    assert wrap("the quick brown fox jumps over the lazy dog", 10) == [
        "the quick",
        "brown fox",
        "jumps over",
        "the lazy",
        "dog",
    ]


def test_long_word_is_split():
    assert wrap("abcdefghij xy", 4) == ["abcd", "efgh", "ij", "xy"]


def test_wrap_counts_wide_chars_as_two():
    lines = wrap("東京 大阪 名古屋 札幌", 10)
    assert lines == ["東京 大阪", "名古屋", "札幌"]
    assert all(display_width(line) <= 10 for line in lines)


def test_fill_and_hanging():
    assert fill("a b\n\nc d", 3) == "a b\n\nc d"
    assert hanging("one two three", 9, "- ") == ["- one two", "  three"]
