import copy

from appconf.defaults import DEFAULTS
from appconf.loader import load, load_config

PRISTINE = copy.deepcopy(DEFAULTS)


def test_defaults_untouched_by_loads():
    load_config("[reports]\ntimezone = Europe/Paris\nkeep_days = 7\n")
    load("[database]\nurl = postgres://db/reports\n", {"REPORTS_SERVER__WORKERS": "8"})
    assert DEFAULTS == PRISTINE


def test_results_are_independent():
    a = load_config("[server]\nworkers = 4\n")
    b = load_config("")
    a["database"]["pool_size"] = 99
    assert b["server"]["workers"] == 2
    assert b["database"]["pool_size"] == 5
    assert DEFAULTS["database"]["pool_size"] == 5


def test_custom_defaults_not_modified():
    mine = {"server": {"port": 1}, "extra": {"flag": False}}
    config = load_config("[server]\nport = 2\n[extra]\nflag = on\n[new]\nx = 1\n", mine)
    assert config == {"server": {"port": 2}, "extra": {"flag": True}, "new": {"x": 1}}
    assert mine == {"server": {"port": 1}, "extra": {"flag": False}}


def test_lists_replace_and_file_keys_merge():
    config = load_config("[reports]\nformats = xlsx, json\n")
    assert config["reports"] == {"formats": ["xlsx", "json"], "timezone": "UTC", "keep_days": 90}
    assert DEFAULTS["reports"]["formats"] == ["csv", "pdf"]
