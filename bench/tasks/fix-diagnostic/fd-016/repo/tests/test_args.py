from chatbot.args import parse_duration, split_args


def test_split_args():
    assert split_args('a "b c" --n=2 --loud') == (["a", "b c"], {"n": "2", "loud": "true"})


def test_parse_duration():
    assert parse_duration("10m") == 600
    assert parse_duration("45") == 45
