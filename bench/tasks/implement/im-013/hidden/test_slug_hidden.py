import datetime as dt

from blog.posts import Blog
from blog.slug import slugify


def test_basic():
    assert slugify("Hello, World!") == "hello-world"


def test_accents_and_runs():
    assert slugify("  Café  Crème -- Brûlée  ") == "cafe-creme-brulee"
    assert slugify("C++ & Rust: 2024 edition") == "c-rust-2024-edition"


def test_cut_does_not_leave_trailing_dash():
    assert slugify("alpha beta gamma", max_length=6) == "alpha"
    assert slugify("alpha beta gamma", max_length=8) == "alpha-be"


def test_untitled():
    assert slugify("!!!") == "untitled"
    assert slugify("日本語") == "untitled"


def test_unique_in_blog():
    blog = Blog()
    blog.add("Hello World", dt.date(2024, 1, 1))
    second = blog.add("hello, world", dt.date(2024, 2, 1))
    assert second.slug == "hello-world-2"
    assert blog.paths()[1] == "posts/2024/hello-world-2/index.html"
