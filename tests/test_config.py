"""Tests for smallcode_ls.config: sources, precedence, errors, live updates."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smallcode_ls.config import (
    ConfigError,
    ConfigManager,
    IndexSettings,
    Settings,
    build_settings,
    client_settings,
    merge_layers,
    read_workspace_config,
)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# -- defaults and the model --------------------------------------------------


def test_defaults() -> None:
    s = build_settings([])
    assert s == Settings()
    assert s.log_level == "info"
    idx = s.index
    assert "**/node_modules/**" in idx.exclude
    assert "**/.smallcode/**" in idx.exclude
    assert idx.respect_gitignore is True
    assert idx.max_file_bytes == 4_000_000
    assert idx.max_line_length == 5000
    assert idx.languages is None
    assert idx.cache is True
    assert idx.cache_dir is None
    assert idx.workers == 0


def test_default_lists_are_not_shared() -> None:
    assert IndexSettings().exclude is not IndexSettings().exclude


def test_camel_case_keys_accepted() -> None:
    s = build_settings(
        [
            (
                "client",
                {
                    "logLevel": "debug",
                    "index": {
                        "maxFileBytes": 10,
                        "respectGitignore": False,
                        "cacheDir": "/c",
                    },
                },
            )
        ]
    )
    assert s.log_level == "debug"
    assert s.index.max_file_bytes == 10
    assert s.index.respect_gitignore is False
    assert s.index.cache_dir == "/c"


def test_languages_lowercased_and_deduplicated() -> None:
    s = build_settings([("x", {"index": {"languages": ["Python", " RUST ", "python"]}})])
    assert s.index.languages == ["python", "rust"]


def test_empty_language_name_rejected() -> None:
    with pytest.raises(ConfigError) as exc:
        build_settings([("x", {"index": {"languages": ["python", "  "]}})])
    assert "index.languages: language names must be non-empty strings" in str(exc.value)


def test_log_level_case_insensitive() -> None:
    assert build_settings([("x", {"log_level": "WARNING"})]).log_level == "warning"


# -- merging -------------------------------------------------------------------


def test_merge_normalises_camel_case_across_layers() -> None:
    merged = merge_layers(
        {"index": {"max_file_bytes": 1, "cache": False}},
        {"index": {"maxFileBytes": 2}},
    )
    assert merged == {"index": {"max_file_bytes": 2, "cache": False}}


def test_merge_is_deep_for_tables_and_replaces_lists() -> None:
    merged = merge_layers(
        {"index": {"exclude": ["a"], "workers": 2}, "log_level": "error"},
        {"index": {"exclude": ["b"]}},
    )
    assert merged == {"index": {"exclude": ["b"], "workers": 2}, "log_level": "error"}


def test_merge_keeps_unknown_keys_as_written() -> None:
    assert merge_layers({"index": {"maxFileByte": 1}}) == {"index": {"maxFileByte": 1}}


def test_merge_does_not_alias_inputs() -> None:
    layer = {"index": {"exclude": ["a"]}}
    merged = merge_layers(layer)
    merged["index"]["exclude"].append("b")
    assert layer == {"index": {"exclude": ["a"]}}


@given(
    st.lists(
        st.fixed_dictionaries(
            {},
            optional={
                "workers": st.integers(0, 8),
                "maxFileBytes": st.integers(1, 100),
                "cache": st.booleans(),
            },
        ),
        max_size=4,
    )
)
def test_merge_last_layer_wins_per_key(layers: list[dict[str, object]]) -> None:
    merged = merge_layers(*({"index": layer} for layer in layers))
    expected: dict[str, object] = {}
    for layer in layers:
        for key, value in layer.items():
            expected["max_file_bytes" if key == "maxFileBytes" else key] = value
    assert merged == ({"index": expected} if layers else {})


# -- errors --------------------------------------------------------------------


def test_unknown_key_error_names_field_and_suggests() -> None:
    with pytest.raises(ConfigError) as exc:
        build_settings([("/ws/.smallcode.toml", {"index": {"max_file_byte": 1}})])
    msg = str(exc.value)
    assert msg.startswith("invalid smallcode settings in /ws/.smallcode.toml: ")
    assert "index.max_file_byte: unknown setting" in msg
    assert "did you mean 'max_file_bytes'?" in msg


def test_unknown_top_level_camel_key() -> None:
    with pytest.raises(ConfigError) as exc:
        build_settings([("client", {"logLevle": "info"})])
    assert "logLevle: unknown setting (did you mean 'logLevel'?)" in str(exc.value)


def test_constraint_error_matches_documented_format() -> None:
    with pytest.raises(ConfigError) as exc:
        build_settings([("/ws/.smallcode.toml", {"index": {"max_file_bytes": -1}})])
    assert exc.value.messages == [
        (
            "invalid smallcode settings in /ws/.smallcode.toml: "
            "index.max_file_bytes: Input should be greater than 0 (got -1)"
        )
    ]


def test_wrong_type_error_and_every_bad_field_reported() -> None:
    with pytest.raises(ConfigError) as exc:
        build_settings(
            [
                (
                    "client",
                    {
                        "index": {"workers": "many", "exclude": ["ok", 3]},
                        "logLevel": "loud",
                    },
                )
            ]
        )
    msg = str(exc.value)
    assert "index.workers: Input should be a valid integer" in msg
    assert "'many'" in msg
    assert "index.exclude[1]: Input should be a valid string (got 3)" in msg
    assert "log_level: Input should be 'debug', 'info', 'warning' or 'error'" in msg


def test_error_names_each_bad_layer() -> None:
    with pytest.raises(ConfigError) as exc:
        build_settings(
            [
                ("file", {"index": {"workers": -1}}),
                ("good", {"log_level": "debug"}),
                ("client", {"index": {"max_line_length": 0}}),
            ]
        )
    assert len(exc.value.messages) == 2
    assert exc.value.messages[0].startswith("invalid smallcode settings in file: index.workers")
    assert exc.value.messages[1].startswith("invalid smallcode settings in client: index.max_line_length")


def test_non_dict_section_is_an_error() -> None:
    with pytest.raises(ConfigError, match=r"in client: index: .*valid dictionary"):
        build_settings([("client", {"index": [1]})])


# -- workspace files -----------------------------------------------------------


def test_no_workspace_config(tmp_path: Path) -> None:
    assert read_workspace_config(tmp_path) == ({}, None)
    write(tmp_path / "pyproject.toml", "[project]\nname = 'x'\n")
    assert read_workspace_config(tmp_path) == ({}, None)


def test_pyproject_table(tmp_path: Path) -> None:
    py = write(tmp_path / "pyproject.toml", "[tool.smallcode.index]\nworkers = 3\n")
    assert read_workspace_config(tmp_path) == ({"index": {"workers": 3}}, str(py))


def test_smallcode_toml_wins_over_pyproject(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.smallcode]\nlog_level = 'error'\n")
    own = write(tmp_path / ".smallcode.toml", "[index]\ncache = false\n")
    assert read_workspace_config(tmp_path) == ({"index": {"cache": False}}, str(own))


def test_broken_toml_names_file_and_line(tmp_path: Path) -> None:
    bad = write(tmp_path / ".smallcode.toml", "log_level = 'info'\n[index\n")
    with pytest.raises(ConfigError) as exc:
        read_workspace_config(tmp_path)
    msg = str(exc.value)
    assert str(bad) in msg
    assert "line 2" in msg


def test_pyproject_tool_smallcode_not_a_table(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool]\nsmallcode = 1\n")
    with pytest.raises(ConfigError, match=r"pyproject.toml.*must be a table"):
        read_workspace_config(tmp_path)


# -- client payload shapes ---------------------------------------------------


@pytest.mark.parametrize(
    ("payload", "expected"),
    [
        (None, {}),
        ({}, {}),
        ({"logLevel": "debug"}, {"logLevel": "debug"}),
        (
            {"smallcode": {"logLevel": "debug"}, "python": {"x": 1}},
            {"logLevel": "debug"},
        ),
        ({"smallcode": None}, {}),
    ],
)
def test_client_settings_shapes(payload: object, expected: dict[str, object]) -> None:
    assert client_settings(payload) == expected


def test_client_settings_rejects_non_objects() -> None:
    with pytest.raises(ConfigError, match="initializationOptions: expected an object"):
        client_settings([1], "initializationOptions")
    with pytest.raises(ConfigError, match="'smallcode' must be an object"):
        client_settings({"smallcode": 3})


# -- ConfigManager -------------------------------------------------------------


def test_precedence_of_all_four_layers(tmp_path: Path) -> None:
    write(
        tmp_path / "pyproject.toml",
        "[tool.smallcode]\nlog_level = 'error'\n"
        "[tool.smallcode.index]\nworkers = 1\nmax_file_bytes = 100\nmax_line_length = 10\n",
    )
    mgr = ConfigManager()
    assert mgr.add_root(tmp_path) == []
    s = mgr.for_root(tmp_path)
    assert (s.log_level, s.index.workers, s.index.max_file_bytes) == ("error", 1, 100)
    # Defaults survive where no layer speaks.
    assert s.index.cache is True

    assert mgr.set_client_options({"smallcode": {"index": {"workers": 2, "maxFileBytes": 200}}}) == []
    s = mgr.for_root(tmp_path)
    assert (s.log_level, s.index.workers, s.index.max_file_bytes) == ("error", 2, 200)
    assert s.index.max_line_length == 10  # deep merge kept the file's sibling key

    assert mgr.apply_change({"index": {"workers": 3}}) == []
    s = mgr.for_root(tmp_path)
    assert (s.index.workers, s.index.max_file_bytes, s.index.max_line_length) == (
        3,
        200,
        10,
    )


def test_change_replaces_previous_change(tmp_path: Path) -> None:
    mgr = ConfigManager()
    mgr.add_root(tmp_path)
    mgr.set_client_options({"logLevel": "warning"})
    assert mgr.apply_change({"smallcode": {"logLevel": "debug", "index": {"cache": False}}}) == []
    assert mgr.for_root(tmp_path).index.cache is False
    # The user removed both settings: back to initializationOptions and defaults.
    assert mgr.apply_change({"smallcode": {}}) == []
    s = mgr.for_root(tmp_path)
    assert (s.log_level, s.index.cache) == ("warning", True)
    # The pull-model signal leaves everything as it was.
    assert mgr.apply_change(None) == []
    assert mgr.for_root(tmp_path) == s


def test_bad_client_update_keeps_last_good(tmp_path: Path) -> None:
    mgr = ConfigManager()
    mgr.add_root(tmp_path)
    assert mgr.apply_change({"smallcode": {"index": {"workers": 4}}}) == []
    before = mgr.for_root(tmp_path)

    errors = mgr.apply_change({"smallcode": {"index": {"workers": -1, "bogus": 1}}})
    assert len(errors) == 1
    assert "workspace/didChangeConfiguration" in errors[0]
    assert "index.workers: Input should be greater than or equal to 0 (got -1)" in errors[0]
    assert "index.bogus: unknown setting" in errors[0]
    assert mgr.for_root(tmp_path) is before

    # A later good change builds on the last good layers, not the rejected one.
    assert mgr.apply_change({"smallcode": {"logLevel": "debug"}}) == []
    assert mgr.for_root(tmp_path).index.workers == 0


def test_bad_init_options_reported() -> None:
    mgr = ConfigManager()
    errors = mgr.set_client_options("nonsense")
    assert errors and "initializationOptions" in errors[0]
    assert mgr.for_root(None) == Settings()


def test_bad_file_reload_keeps_last_good(tmp_path: Path) -> None:
    cfg = write(tmp_path / ".smallcode.toml", "[index]\nworkers = 2\n")
    mgr = ConfigManager()
    assert mgr.add_root(tmp_path) == []
    assert mgr.source_for(tmp_path) == str(cfg)

    write(cfg, "[index]\nmax_file_bytes = -1\n")
    errors = mgr.reload_files()
    assert errors == [
        (f"invalid smallcode settings in {cfg}: index.max_file_bytes: Input should be greater than 0 (got -1)")
    ]
    assert mgr.for_root(tmp_path).index.workers == 2

    write(cfg, "[index\n")
    errors = mgr.reload_files(tmp_path)
    assert len(errors) == 1 and str(cfg) in errors[0] and "line 1" in errors[0]
    assert mgr.for_root(tmp_path).index.workers == 2

    # A client change still applies on top of the last good file layer.
    assert mgr.apply_change({"logLevel": "debug"}) == []
    s = mgr.for_root(tmp_path)
    assert (s.log_level, s.index.workers) == ("debug", 2)

    write(cfg, "[index]\nworkers = 5\n")
    assert mgr.reload_files() == []
    assert mgr.for_root(tmp_path).index.workers == 5


def test_pyproject_errors_point_at_the_table(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.smallcode]\nlog_level = 'loud'\n")
    errors = ConfigManager().add_root(tmp_path)
    assert len(errors) == 1
    assert "pyproject.toml [tool.smallcode]: log_level:" in errors[0]


def test_multi_root(tmp_path: Path) -> None:
    a, b, nested = tmp_path / "a", tmp_path / "b", tmp_path / "a" / "sub"
    for d in (a, b, nested):
        d.mkdir()
    write(a / ".smallcode.toml", "[index]\nworkers = 1\n")
    write(b / "pyproject.toml", "[tool.smallcode.index]\nworkers = 2\n")
    write(nested / ".smallcode.toml", "[index]\nworkers = 3\n")

    mgr = ConfigManager()
    for root in (a, b, nested):
        assert mgr.add_root(root) == []
    assert mgr.set_client_options({"smallcode": {"logLevel": "debug"}}) == []

    assert mgr.for_root(a).index.workers == 1
    assert mgr.for_root(b).index.workers == 2
    # A path resolves to its innermost root.
    assert mgr.for_root(a / "pkg" / "mod.py").index.workers == 1
    assert mgr.for_root(nested / "x.py").index.workers == 3
    # Client layers are shared; paths outside every root get only them.
    assert all(mgr.for_root(r).log_level == "debug" for r in (a, b, nested))
    outside = mgr.for_root(tmp_path / "elsewhere")
    assert (outside.log_level, outside.index.workers) == ("debug", 0)

    # A broken file in one root does not hold back the others.
    write(a / ".smallcode.toml", "[index]\nworkers = -5\n")
    write(b / "pyproject.toml", "[tool.smallcode.index]\nworkers = 7\n")
    errors = mgr.reload_files()
    assert len(errors) == 1 and str(a / ".smallcode.toml") in errors[0]
    assert mgr.for_root(a).index.workers == 1
    assert mgr.for_root(b).index.workers == 7

    mgr.remove_root(nested)
    assert mgr.for_root(nested / "x.py").index.workers == 1
    assert set(mgr.roots) == {a, b}


def test_client_errors_not_repeated_per_root(tmp_path: Path) -> None:
    mgr = ConfigManager()
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        mgr.add_root(tmp_path / name)
    assert len(mgr.apply_change({"logLevel": "loud"})) == 1
