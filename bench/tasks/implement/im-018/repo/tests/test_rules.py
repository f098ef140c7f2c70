import pytest

from minibuild.errors import RuleSyntaxError
from minibuild.graph import needed_for, parse_rules


def test_parse_and_needed():
    graph = parse_rules("app: main.o util.o  # link\nmain.o: main.c\n\nutil.o: util.c\n")
    assert graph["app"] == ["main.o", "util.o"]
    assert needed_for(graph, "main.o") == {"main.o", "main.c"}


def test_syntax_error():
    with pytest.raises(RuleSyntaxError):
        parse_rules("just words")
