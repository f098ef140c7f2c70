from appconfig.loader import Config, env_overrides, merge


def test_env_overrides():
    assert env_overrides({"APP_SERVER__PORT": "1", "HOME": "/x"}) == {"server": {"port": "1"}}


def test_merge_later_wins():
    assert merge({"a": {"x": "1", "y": "2"}}, {"a": {"y": "3"}}) == {"a": {"x": "1", "y": "3"}}


def test_typed_getters_on_dict():
    cfg = Config({"s": {"n": "4", "b": "yes", "l": "a, b,,c"}})
    assert cfg.get_int("s", "n") == 4
    assert cfg.get_bool("s", "b") is True
    assert cfg.get_list("s", "l") == ["a", "b", "c"]
