import datetime as dt

from blog.models import Post
from blog.views import permalink, render_index


def test_permalink():
    post = Post("Hello, World!", "text", dt.date(2024, 3, 9))
    assert permalink(post) == "/2024/03/hello-world/"


def test_drafts_are_hidden():
    posts = [Post("Shown", "a", dt.date(2024, 1, 1)), Post("Secret", "b", dt.date(2024, 1, 2), draft=True)]
    page = render_index(posts)
    assert "Shown" in page and "Secret" not in page
