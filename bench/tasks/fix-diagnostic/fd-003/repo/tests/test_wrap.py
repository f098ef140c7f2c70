from textkit.wrap import box, center, truncate


def test_center():
    assert center("ab", 5) == " ab  "


def test_box():
    assert box(["hi"], padding=0) == ["+--+", "|hi|", "+--+"]


def test_truncate():
    assert truncate("abcdefgh", 6) == "abc..."
