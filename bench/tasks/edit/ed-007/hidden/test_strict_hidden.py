import pytest

from appconf.envfile import parse_env
from appconf.errors import ConfigError
from appconf.settings import Settings, load_settings, load_settings_file


def test_lenient_by_default():
    text = "A=1\nnot an assignment\n1BAD=x\nB=2\n"
    assert parse_env(text) == {"A": "1", "B": "2"}
    assert parse_env(text, strict=False) == {"A": "1", "B": "2"}


def test_strict_reports_missing_equals_with_line():
    text = "# header\nA=1\n\nnot an assignment\nB=2\n"
    with pytest.raises(ConfigError) as info:
        parse_env(text, strict=True)
    assert info.value.line == 4


def test_strict_reports_bad_key_after_multiline_value():
    text = 'A="one\ntwo\nthree"\nexport 9LIVES=cat\n'
    with pytest.raises(ConfigError) as info:
        parse_env(text, strict=True)
    assert info.value.line == 4


def test_strict_accepts_good_files():
    text = "# ok\nexport A=1\nB='two'\nC=\"${A}3\"\n\n"
    assert parse_env(text, strict=True) == {"A": "1", "B": "two", "C": "13"}


def test_load_settings_is_strict():
    with pytest.raises(ConfigError) as info:
        load_settings("APP_PORT=9000\nAPP_DEBUG\n", environ={})
    assert info.value.line == 2


def test_load_settings_still_works(tmp_path):
    text = "APP_HOST=0.0.0.0\nAPP_PORT=9000\nAPP_DEBUG=yes\n"
    assert load_settings(text, environ={"APP_WORKERS": "4"}) == Settings(
        host="0.0.0.0", port=9000, debug=True, workers=4
    )
    path = tmp_path / "app.env"
    path.write_text("APP_PORT=8080\n")
    assert load_settings_file(str(path), environ={}).port == 8080
    with pytest.raises(ConfigError):
        load_settings("APP_PORT=70000\n", environ={})
