from stencil.filters import default, money, truncate


def test_truncate():
    assert truncate("abcdefgh", "6") == "abc..."
    assert truncate("abc", "6") == "abc"


def test_default_and_money():
    assert default("", "x") == "x"
    assert money(-1234) == "-12.34"
