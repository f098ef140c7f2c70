import pytest

from appconfig.loader import Config, ConfigError, parse_ini

TEXT = """
# top comment
Name = demo
; another comment

[server]
port = 9000
Host=0.0.0.0
banner = "hello # not a comment"
url = http://x/?a=b

[log]
level = debug

[ server ]
port = 9100
"""


def test_sections_and_keys():
    data = parse_ini(TEXT)
    assert data["general"] == {"name": "demo"}
    assert data["log"] == {"level": "debug"}


def test_merge_repeated_section_later_wins():
    server = parse_ini(TEXT)["server"]
    assert server["port"] == "9100"
    assert server["host"] == "0.0.0.0"


def test_quotes_and_first_equals():
    server = parse_ini(TEXT)["server"]
    assert server["banner"] == "hello # not a comment"
    assert server["url"] == "http://x/?a=b"


def test_empty_text():
    assert parse_ini("") == {}


def test_empty_section_present():
    assert parse_ini("[empty]\n") == {"empty": {}}


def test_bad_line_reports_number():
    with pytest.raises(ConfigError, match=r"^line 3:"):
        parse_ini("[a]\nx = 1\nnot a setting\n")


def test_config_from_text():
    cfg = Config.from_text(TEXT, {"APP_LOG__LEVEL": "warn"})
    assert cfg.get_int("server", "port") == 9100
    assert cfg.get("log", "level") == "warn"
    assert cfg.get("general", "debug") == "false"
