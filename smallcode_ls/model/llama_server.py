"""`python -m llama_cpp.server`, with llama.cpp's extra buffer types off where the CPU advertises AMX.

llama-cpp-python compiles llama.cpp for the machine it is installed on, and on a
CPU that advertises AMX the Q4_K matrix products then run on AMX tiles. Some
virtual machines advertise AMX and trap it: there the server dies of SIGILL on
its first request (seen here on a 2-core Xeon VM, `tilezero` in
`ggml_backend_amx_mul_mat`). The AMX kernels are one of llama.cpp's "extra
buffer types" (weight repacking), which llama-cpp-python does not expose as an
option, so this wrapper turns them off through the model's default parameters
before the server module loads a model.

SMALLCODE_LLAMA_EXTRA_BUFFERS=1 keeps them (AMX that works is faster), =0 turns
them off on any CPU. Run by path with `-P` (by the supervisor): it imports only
the standard library and llama_cpp.
"""

from __future__ import annotations

import os
import runpy
import sys
from collections.abc import Mapping

SETTING = "SMALLCODE_LLAMA_EXTRA_BUFFERS"
_ON = frozenset({"1", "true", "yes", "on"})
_OFF = frozenset({"0", "false", "no", "off"})


def amx_advertised(cpuinfo: str = "/proc/cpuinfo") -> bool:
    try:
        with open(cpuinfo, encoding="utf-8", errors="replace") as f:
            return any(line.startswith("flags") and "amx_tile" in line.split() for line in f)
    except OSError:
        return False


def extra_buffers_wanted(env: Mapping[str, str], advertised: bool) -> bool:
    setting = env.get(SETTING, "").strip().lower()
    if setting in _ON:
        return True
    if setting in _OFF:
        return False
    return not advertised


def _without_extra_buffers() -> None:
    import llama_cpp.llama_cpp as bindings

    default = bindings.llama_model_default_params

    def params() -> object:
        p = default()
        p.use_extra_bufts = False
        return p

    # llama_cpp.Llama reads its model parameters from this function at load time.
    bindings.llama_model_default_params = params


def main() -> None:
    if not extra_buffers_wanted(os.environ, amx_advertised()):
        _without_extra_buffers()
        print(f"smallcode: llama.cpp extra buffer types (AMX, repacking) off; {SETTING}=1 keeps them", file=sys.stderr)
    sys.argv[0] = "llama_cpp.server"
    runpy.run_module("llama_cpp.server", run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
