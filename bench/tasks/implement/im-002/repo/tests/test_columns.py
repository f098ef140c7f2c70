from textkit.columns import columns


def test_columns_align():
    assert columns(["a", "bbb", "cc", "d"], 2) == ["a   bbb", "cc  d"]
