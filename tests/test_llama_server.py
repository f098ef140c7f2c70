"""The llama.cpp server wrapper: extra buffer types (AMX) off where the CPU advertises AMX."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from smallcode_ls.model import supervisor
from smallcode_ls.model.llama_server import SETTING, amx_advertised, extra_buffers_wanted

AMX_FLAGS = "flags\t\t: fpu vme avx2 avx512f amx_bf16 amx_tile amx_int8\n"
PLAIN_FLAGS = "flags\t\t: fpu vme avx2 avx512f\n"


def test_amx_is_read_from_the_cpu_flags(tmp_path: Path) -> None:
    with_amx = tmp_path / "amx"
    with_amx.write_text("processor\t: 0\n" + AMX_FLAGS)
    without = tmp_path / "plain"
    without.write_text("processor\t: 0\n" + PLAIN_FLAGS + "model name\t: amx_tile lookalike\n")
    assert amx_advertised(str(with_amx))
    assert not amx_advertised(str(without))
    assert not amx_advertised(str(tmp_path / "missing"))


@pytest.mark.parametrize(
    ("setting", "advertised", "wanted"),
    [
        ("", True, False),
        ("", False, True),
        ("1", True, True),
        ("on", True, True),
        ("0", False, False),
        ("False", False, False),
        ("maybe", True, False),  # not understood: the default for the CPU
    ],
)
def test_the_setting_overrides_the_cpu(setting: str, advertised: bool, wanted: bool) -> None:
    assert extra_buffers_wanted({SETTING: setting} if setting else {}, advertised) is wanted


def _fake_llama_cpp(root: Path) -> None:
    """A llama_cpp package whose server prints what a model would be loaded with."""
    pkg = root / "llama_cpp"
    (pkg / "server").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "llama_cpp.py").write_text(
        "import types\n"
        "def llama_model_default_params():\n"
        "    return types.SimpleNamespace(use_extra_bufts=True, n_gpu_layers=0)\n"
    )
    (pkg / "server" / "__init__.py").write_text("")
    (pkg / "server" / "__main__.py").write_text(
        "import sys\n"
        "import llama_cpp.llama_cpp as b\n"
        "print('extra', b.llama_model_default_params().use_extra_bufts, 'argv', sys.argv[1:])\n"
    )


@pytest.mark.parametrize(("setting", "printed"), [("0", "extra False"), ("1", "extra True")])
def test_the_wrapper_runs_the_server_with_the_setting(tmp_path: Path, setting: str, printed: str) -> None:
    _fake_llama_cpp(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(tmp_path), SETTING: setting}
    assert supervisor.DEFAULT_SERVER_COMMAND[:2] == (sys.executable, "-P")
    done = subprocess.run(
        [*supervisor.DEFAULT_SERVER_COMMAND, "--port", "1234"], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert f"{printed} argv ['--port', '1234']" in done.stdout
    assert ("extra buffer types" in done.stderr) is (setting == "0")
