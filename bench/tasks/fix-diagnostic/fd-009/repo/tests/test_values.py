from configlite.values import coerce, expand


def test_coerce():
    assert coerce("Yes") is True
    assert coerce("42") == 42
    assert coerce("[1, two]") == [1, "two"]
    assert coerce('"007"') == "007"


def test_expand():
    assert expand("${a}-${b}", str.upper) == "A-B"
