from appconf.defaults import DEFAULTS
from appconf.loader import coerce, load, load_config


def test_coerce():
    assert coerce(" 9000 ") == 9000
    assert coerce("yes") is True
    assert coerce("csv, xlsx") == ["csv", "xlsx"]


def test_file_values_override_defaults():
    config = load_config("[server]\nport = 9000\n")
    assert config["server"]["port"] == 9000
    assert config["server"]["host"] == "127.0.0.1"


def test_loading_twice_starts_from_defaults():
    first = load_config("[server]\nport = 9000\ndebug = yes\n")
    second = load_config("[database]\npool_size = 1\n")
    assert first["server"]["port"] == 9000
    assert second["server"]["port"] == 8080
    assert second["server"]["debug"] is False
    assert DEFAULTS["server"]["port"] == 8080


def test_environment_wins():
    config = load("[server]\nport = 9000\n", {"REPORTS_SERVER__PORT": "9100"})
    assert config["server"]["port"] == 9100
