import pytest

from configlite.loader import Config, ConfigError, parse_config, read_raw

TEXT = """
# demo
name = demo ; trailing comment
retries = 3

[Server]
host = example.org
port = 8080
debug = off
url = http://${server.host}:${server.port}/
tags = [web, api]
motd = first part \\
       second part
ratio = 0.25
code = "0042"
"""


def test_parse_config_types_values():
    config = parse_config(TEXT)
    assert config.get("name") == "demo"
    assert config.get("retries") == 3
    assert config.get("server.port") == 8080
    assert config.get("SERVER.debug") is False
    assert config.get("server.url") == "http://example.org:8080/"
    assert config.get("server.tags") == ["web", "api"]
    assert config.get("server.motd") == "first part second part"
    assert config.get("server.ratio") == 0.25
    assert config.get("server.code") == "0042"
    assert config.names() == ["default", "server"]


def test_parse_config_errors():
    with pytest.raises(ConfigError):
        parse_config("[a]\nx = ${a.y}\n")
    with pytest.raises(ConfigError):
        parse_config("[a]\nx = ${a.y}\ny = ${a.x}\n")
    with pytest.raises(ConfigError) as info:
        parse_config("[a]\njust text\n")
    assert info.value.lineno == 2


def test_section_merge_env():
    config = parse_config(TEXT)
    assert config.section("server")["retries"] == 3
    other = Config({"server": {"port": 9090}})
    assert config.merged_with(other).get("server.port") == 9090
    assert config.apply_env("APP", {"APP_SERVER__PORT": "7000", "APP_RETRIES": "5", "OTHER": "x"}) == 2
    assert config.require("server.port") == 7000
    assert config.get("retries") == 5
    assert read_raw("[x]\na = ${x.b}\n") == {"x": {"a": "${x.b}"}}
