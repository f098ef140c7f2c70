from mdtoc.anchors import AnchorSet, anchor


def test_anchor():
    assert anchor("Hello, World!") == "hello-world"


def test_unique():
    s = AnchorSet()
    assert [s.unique("Setup"), s.unique("setup"), s.unique("Setup!")] == ["setup", "setup-1", "setup-2"]
