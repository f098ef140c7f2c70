from blog.text import excerpt, reading_minutes, slugify


def test_slugify():
    assert slugify("Héllo, World!") == "hello-world"


def test_excerpt():
    assert excerpt("a b c", 2) == "a b…"
    assert reading_minutes("word " * 450) == 2
