import datetime as dt

from blog.posts import Post, archive, by_tag, check_unique_slugs, parse_post, published

POST = """title: Crème Brûlée at Home!
date: 2024-02-11
tags: food, recipes
---
Burn the sugar with care.
"""


def test_slug_from_title():
    post = parse_post(POST)
    assert post.slug == "creme-brulee-at-home"
    assert post.url == "/2024/02/creme-brulee-at-home/"
    assert Post("Hello   World", dt.date(2024, 1, 1), "x").slug == "hello-world"


def test_explicit_slug_kept():
    post = parse_post("title: Anything\ndate: 2024-01-01\nslug: custom\n---\nbody\n")
    assert post.slug == "custom"


def test_listings():
    posts = [
        parse_post(POST),
        Post("Tea", dt.date(2024, 3, 1), "Green.", tags=["drinks"]),
        Post("Secret", dt.date(2024, 3, 5), "wip", tags=["food"], draft=True),
        Post("Tea", dt.date(2023, 3, 1), "Old."),
    ]
    assert [p.title for p in published(posts)] == ["Tea", "Crème Brûlée at Home!", "Tea"]
    assert by_tag(posts) == {"drinks": ["tea"], "food": ["creme-brulee-at-home"], "recipes": ["creme-brulee-at-home"]}
    assert list(archive(posts)) == ["2024-03", "2024-02", "2023-03"]
    assert check_unique_slugs(posts) == ["tea"]
