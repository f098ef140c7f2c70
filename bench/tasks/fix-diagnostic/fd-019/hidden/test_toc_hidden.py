from mdtoc.toc import build_toc, count_by_level, find_headings, insert_toc, outline_numbers, toc_markdown

DOC = """# Guide

<!-- toc -->
old
<!-- /toc -->

## Install ##
### On *Linux*
```
## not a heading
```
### On [macOS](https://apple.com)
## Usage
#### Deep detail
## Install
"""


def test_build_toc_nests_by_level():
    roots = build_toc(find_headings(DOC))
    assert [r.title for r in roots] == ["Guide"]
    guide = roots[0]
    assert [c.title for c in guide.children] == ["Install", "Usage", "Install"]
    assert [c.title for c in guide.children[0].children] == ["On Linux", "On macOS"]
    assert [c.title for c in guide.children[1].children] == ["Deep detail"]


def test_build_toc_level_filter():
    roots = build_toc(find_headings(DOC), min_level=2, max_level=3)
    assert [(r.title, r.anchor) for r in roots] == [("Install", "install"), ("Usage", "usage"), ("Install", "install-1")]
    assert roots[1].children == []


def test_markdown_and_insert():
    expected = "- [Install](#install)\n  - [On Linux](#on-linux)\n  - [On macOS](#on-macos)\n- [Usage](#usage)\n- [Install](#install-1)"
    assert toc_markdown(DOC) == expected
    out = insert_toc(DOC)
    assert "old" not in out
    assert f"<!-- toc -->\n{expected}\n<!-- /toc -->" in out
    assert insert_toc("no markers") == "no markers"


def test_numbers_and_counts():
    headings = find_headings(DOC)
    assert outline_numbers(headings)[headings[3].line] == "1.1.2"
    assert count_by_level(headings) == {1: 1, 2: 3, 3: 2, 4: 1}
