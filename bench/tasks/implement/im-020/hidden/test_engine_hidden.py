import pytest

from stencil.engine import Template, TemplateError, render


class User:
    def __init__(self, name):
        self.name = name


def test_plain_and_dotted():
    assert render("Hi {{ user.name }}!", {"user": User("ana")}) == "Hi ana!"
    assert render("{{ d.k }}/{{ xs.1 }}", {"d": {"k": 1}, "xs": ["a", "b"]}) == "1/b"


def test_filters_chain_left_to_right():
    assert render("{{ name|truncate:6|upper }}", {"name": "alexandra"}) == "ALE..."
    assert render("{{ tags|join:/ }}", {"tags": ["a", "b"]}) == "a/b"
    assert render("{{ total | money }}", {"total": 1999}) == "19.99"


def test_missing_becomes_none_and_default():
    assert render("[{{ nobody }}]") == "[]"
    assert render("{{ nobody|default:guest|title }}") == "Guest"


def test_literals():
    assert render("{{ 'hey'|upper }} {{ 42 }}") == "HEY 42"


def test_strict_missing_raises():
    with pytest.raises(TemplateError):
        Template("{{ nobody }}", strict=True).render({})


def test_unknown_filter_named():
    with pytest.raises(TemplateError, match="shout"):
        render("{{ x|shout }}", {"x": 1})


def test_argument_required():
    with pytest.raises(TemplateError, match="truncate"):
        render("{{ x|truncate }}", {"x": "abc"})


def test_blocks_use_it():
    src = "{% for u in users %}{{ loop.index }}.{{ u|upper }}{% if not loop.last %},{% endif %}{% endfor %}"
    assert render(src, {"users": ["a", "b"]}) == "1.A,2.B"
    assert render("{% if items|length %}some{% else %}none{% endif %}", {"items": []}) == "none"


def test_trim_blocks_and_variables():
    from stencil.engine import missing_variables

    src = "{% for x in xs %}\n- {{ x|default:none }}\n{% endfor %}\n"
    t = Template(src, trim_blocks=True)
    assert t.render({"xs": ["a", ""]}) == "- a\n- none\n"
    assert missing_variables(t, {}) == ["xs"]
