import datetime as dt
import inspect

import blog.feeds as feeds
import blog.text as text
import blog.views as views
from blog.models import Post


def test_slugify_lives_in_text():
    assert text.slugify("Hello, World!") == "hello-world"
    assert text.slugify("Crème brûlée  recipes") == "creme-brulee-recipes"
    assert text.slugify("!!!") == "untitled"
    assert text.slugify.__module__ == "blog.text"


def test_views_no_longer_defines_slugify():
    source = inspect.getsource(views)
    assert "def slugify" not in source
    assert getattr(views, "slugify", text.slugify) is text.slugify
    assert getattr(feeds, "slugify", text.slugify) is text.slugify


def test_pages_and_feed_still_use_slugs():
    posts = [
        Post("Café Opening!", "We opened.\n\nCome by.", dt.date(2024, 5, 2), tags=["Local News"]),
        Post("Old", "old news", dt.date(2023, 1, 1)),
    ]
    assert views.permalink(posts[0]) == "/2024/05/cafe-opening/"
    assert views.tag_url("Local News") == "/tags/local-news/"
    pages = views.site_pages(posts)
    assert "/2024/05/cafe-opening/index.html" in pages
    assert "/tags/local-news/index.html" in pages
    feed = feeds.render_feed("example.org", "News", posts)
    assert "<id>tag:example.org,2024-05-02:cafe-opening</id>" in feed
    assert feeds.entry_id("example.org", posts[1]) == "tag:example.org,2023-01-01:old"
