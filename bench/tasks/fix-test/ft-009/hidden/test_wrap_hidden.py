from textkit.width import display_width
from textkit.wrap import hanging, justify, wrap


def test_wide_words_never_overflow():
    text = "ラーメン と 餃子 を 注文 した"
    for width in (6, 8, 11, 14):
        lines = wrap(text, width)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        assert all(display_width(line) <= width for line in lines), (width, lines)


def test_wide_exact_fit():
    assert wrap("日本 語", 7) == ["日本 語"]
    assert wrap("日本 語", 6) == ["日本", "語"]


def test_mixed_scripts():
    assert wrap("ok 漢字 go 漢字", 7) == ["ok 漢字", "go 漢字"]
    assert wrap("ok 漢字 go 漢字", 6) == ["ok", "漢字", "go", "漢字"]


def test_hanging_with_wide_text():
    assert hanging("東京 大阪", 8, "* ") == ["* 東京", "  大阪"]


def test_ascii_unchanged():
    assert wrap("aa bb cc dd", 5) == ["aa bb", "cc dd"]
    assert wrap("abcdefg", 3) == ["abc", "def", "g"]
    assert justify("a b c", 7) == "a  b  c"
