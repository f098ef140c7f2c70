from appconf.envfile import dumps, parse_env


def test_quotes_and_comments():
    text = "A=1 # one\nB='x $A'\nC=\"line\\nnext ${A}\"\nexport D=${MISSING:-dflt}\n"
    assert parse_env(text) == {"A": "1", "B": "x $A", "C": "line\nnext 1", "D": "dflt"}


def test_multiline_value():
    assert parse_env('A="one\ntwo"\nB=3') == {"A": "one\ntwo", "B": "3"}


def test_round_trip():
    values = {"A": "plain", "B": "has space", "C": 'q"uote$', "D": ""}
    assert parse_env(dumps(values)) == values
