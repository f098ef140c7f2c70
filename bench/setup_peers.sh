#!/usr/bin/env bash
# Install the peers that bench/index_bench.py times next to our indexer:
#   - Aider's repo map (aider-chat) in its own venv, bench/.venv-aider, so its
#     ~100 dependencies never touch our venv;
#   - Universal Ctags (Debian package universal-ctags), the speed limit;
#   - OpenCode (npm opencode-ai) in bench/.opencode, for the task benchmark's
#     opencode peer (bench/peer_opencode.py); about 450 MB.
# Idempotent: each step checks first and says what it did. Works as root on a
# fresh Debian machine. The Aider install downloads ~700 MB and takes a few
# minutes; where a shell has a time limit run it in the background:
#   nohup bash bench/setup_peers.sh > /tmp/setup_peers.log 2>&1 &
#
# Offline at run time: aider-chat 0.86.2 pins grep-ast 0.9.0 and
# tree-sitter-language-pack 0.13.0, whose wheel bundles the compiled grammars
# (tree_sitter_language_pack/bindings/python.abi3.so); Aider's Python tags
# query ships inside aider itself. Checked: a full run under `unshare -n`
# works, and strace shows no socket() or connect() call. Newer
# tree-sitter-language-pack releases download grammars on first use, so keep
# the pin below if aider-chat is ever bumped.
set -euo pipefail

AIDER_VERSION="0.86.2"
TSLP_VERSION="0.13.0"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$here/.venv-aider"
log="${TMPDIR:-/tmp}/setup_peers_pip.log"

say() { printf 'setup_peers: %s\n' "$*"; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# aider-chat 0.86.2 declares Requires-Python >=3.10,<3.13.
pick_python() {
    local cand
    for cand in "${AIDER_PYTHON_BIN:-}" python3 python3.12 python3.11 python3.10; do
        [ -n "$cand" ] || continue
        command -v "$cand" >/dev/null 2>&1 || continue
        # stderr hidden: a pyenv shim exists even for versions it cannot run.
        if "$cand" -c 'import sys; sys.exit(not ((3, 10) <= sys.version_info[:2] < (3, 13)))' 2>/dev/null; then
            command -v "$cand"
            return 0
        fi
    done
    return 1
}

aider_ready() {
    [ -x "$venv/bin/python" ] || return 1
    "$venv/bin/python" - "$AIDER_VERSION" "$TSLP_VERSION" <<'EOF' >/dev/null 2>&1
import sys
from importlib import metadata

want_aider, want_tslp = sys.argv[1:3]
assert metadata.version("aider-chat") == want_aider
assert metadata.version("tree-sitter-language-pack") == want_tslp
# Loading the grammar proves it is bundled, not fetched later.
from tree_sitter_language_pack import get_parser

get_parser("python")
import aider.repomap  # noqa: F401
EOF
}

# --- Aider -------------------------------------------------------------------
if aider_ready; then
    say "aider-chat $AIDER_VERSION already installed in $venv"
else
    py="$(pick_python)" || {
        say "no Python 3.10-3.12 found (aider-chat needs <3.13); set AIDER_PYTHON_BIN"
        exit 1
    }
    if [ ! -x "$venv/bin/python" ]; then
        say "creating venv $venv with $py"
        if ! "$py" -m venv "$venv"; then
            # Debian's python3 lacks ensurepip until python3-venv is installed.
            say "venv failed; installing python3-venv"
            as_root apt-get update
            as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y python3-venv
            rm -rf "$venv"
            "$py" -m venv "$venv"
        fi
    fi
    # The venv lives inside the repo; keep git from ever seeing it.
    printf '*\n' > "$venv/.gitignore"
    say "pip installing aider-chat==$AIDER_VERSION into $venv (log: $log)"
    if ! "$venv/bin/python" -m pip install --quiet \
        "aider-chat==$AIDER_VERSION" \
        "tree-sitter-language-pack==$TSLP_VERSION" >"$log" 2>&1; then
        tail -n 30 "$log"
        say "pip install failed"
        exit 1
    fi
    aider_ready || { say "aider installed but its python grammar does not load"; exit 1; }
    say "installed aider-chat $AIDER_VERSION (tree-sitter-language-pack $TSLP_VERSION)"
fi
[ -f "$venv/.gitignore" ] || printf '*\n' > "$venv/.gitignore"

# --- Universal Ctags ---------------------------------------------------------
# Exuberant Ctags also installs as `ctags` and takes most of the same flags,
# so check the banner, not just the command.
if ctags --version 2>/dev/null | head -n 1 | grep -q 'Universal Ctags'; then
    say "$(ctags --version | head -n 1 | cut -d, -f1) already installed"
else
    say "installing universal-ctags"
    # Skip `apt-get update` when the package lists already know the package.
    if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y universal-ctags; then
        say "apt-get install failed; running apt-get update and retrying"
        as_root apt-get update
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y universal-ctags
    fi
    ctags --version | head -n 1 | grep -q 'Universal Ctags' || {
        say "ctags on PATH is still not Universal Ctags: $(command -v ctags)"
        exit 1
    }
    say "installed $(ctags --version | head -n 1 | cut -d, -f1)"
fi

# The TypeScript compiler the TypeScript tasks are judged with (bench/package.json pins it).
if [ ! -x "$here/node_modules/typescript/bin/tsc" ]; then
    say "installing typescript for the TypeScript tasks (npm ci in bench/)"
    (cd "$here" && npm ci --silent)
else
    say "typescript already installed in bench/node_modules"
fi

# --- OpenCode ----------------------------------------------------------------
# The opencode peer (bench/peer_opencode.py), all in bench/.opencode:
#   node_modules/    opencode-ai; its postinstall links the platform binary
#                    (opencode-linux-x64 or -baseline) over bin/opencode.exe;
#   config/opencode/ @opencode-ai/plugin, which OpenCode otherwise installs
#                    from the npm registry into its config directory on every
#                    run (the runner points XDG_CONFIG_HOME at config/);
#   ripgrep/bin/rg   for its grep and glob tools, which otherwise download
#                    ripgrep from GitHub (the PyPI wheel ships the binary).
# The @ai-sdk/openai-compatible provider is bundled in the binary. With these
# and the runner's settings a run makes no connection but to the endpoint
# (checked with strace, and under `unshare -n`).
OPENCODE_VERSION="1.18.33"
RIPGREP_VERSION="14.1.0"
oc="$here/.opencode"
oc_bin="$oc/node_modules/opencode-ai/bin/opencode.exe"
oc_plugin="$oc/config/opencode/node_modules/@opencode-ai/plugin/package.json"

opencode_ready() {
    [ "$("$oc_bin" --version 2>/dev/null)" = "$OPENCODE_VERSION" ] || return 1
    [ "$(node -p "require(process.argv[1]).version" "$oc_plugin" 2>/dev/null)" = "$OPENCODE_VERSION" ] || return 1
    "$oc/ripgrep/bin/rg" --version 2>/dev/null | head -n 1 | grep -q "^ripgrep $RIPGREP_VERSION\b"
}

if opencode_ready; then
    say "opencode-ai $OPENCODE_VERSION already installed in $oc"
else
    mkdir -p "$oc/config/opencode"
    printf '*\n' > "$oc/.gitignore"
    if [ "$("$oc_bin" --version 2>/dev/null)" != "$OPENCODE_VERSION" ]; then
        say "npm installing opencode-ai@$OPENCODE_VERSION into $oc"
        npm install --prefix "$oc" --no-save --no-audit --no-fund --loglevel=error "opencode-ai@$OPENCODE_VERSION"
        # npm may skip install scripts it has not been told to allow: link the binary by hand then.
        if [ "$("$oc_bin" --version 2>/dev/null)" != "$OPENCODE_VERSION" ]; then
            (cd "$oc/node_modules/opencode-ai" && node ./postinstall.mjs)
        fi
    fi
    say "npm installing @opencode-ai/plugin@$OPENCODE_VERSION into $oc/config/opencode"
    # --omit=peer: its peers (@opentui/*) are for TUI plugins, which the benchmark does not load.
    npm install --prefix "$oc/config/opencode" --omit=peer --save-exact --no-audit --no-fund --loglevel=error \
        "@opencode-ai/plugin@$OPENCODE_VERSION"
    say "pip installing ripgrep==$RIPGREP_VERSION into $oc/ripgrep"
    "$venv/bin/python" -m pip install --quiet --no-deps --only-binary :all: --upgrade \
        --target "$oc/ripgrep" "ripgrep==$RIPGREP_VERSION" >"$log" 2>&1 || { tail -n 30 "$log"; exit 1; }
    opencode_ready || { say "opencode installed but does not check out (version, plugin or rg)"; exit 1; }
    say "installed opencode-ai $OPENCODE_VERSION ($("$oc/ripgrep/bin/rg" --version | head -n 1))"
fi
[ -f "$oc/.gitignore" ] || printf '*\n' > "$oc/.gitignore"

# --- llama-server for the OpenCode peer ----------------------------------------
# OpenCode acts through tool calls. llama-cpp-python's server (the embedded
# model's) returns a tool call only when the request names one function; with
# OpenCode's "auto" the model's call comes back as text, so OpenCode can
# neither read nor edit. llama.cpp's own server parses Qwen's tool calls
# (--jinja). It is built here from the llama.cpp sources vendored in the
# llama-cpp-python sdist on PyPI, the same version as pyproject.toml's, so the
# opencode peer runs the same weights through the same llama.cpp. Static, one
# binary: bench/.opencode/llama-server/llama-server. About 10 minutes on 2 cores.
LLAMA_CPP_PYTHON_VERSION="0.3.36"
ls_dir="$oc/llama-server"
ls_bin="$ls_dir/llama-server"
if [ -x "$ls_bin" ] && [ "$(cat "$ls_dir/VERSION" 2>/dev/null)" = "$LLAMA_CPP_PYTHON_VERSION" ]; then
    say "llama-server (llama-cpp-python $LLAMA_CPP_PYTHON_VERSION sources) already built in $ls_dir"
else
    src="$(mktemp -d "${TMPDIR:-/tmp}/llama-server-src.XXXXXX")"
    say "building llama-server from the llama-cpp-python $LLAMA_CPP_PYTHON_VERSION sdist (log: $log)"
    "$venv/bin/python" -m pip download --quiet --no-deps --no-binary :all: -d "$src" \
        "llama-cpp-python==$LLAMA_CPP_PYTHON_VERSION" >"$log" 2>&1 || { tail -n 30 "$log"; exit 1; }
    tar -xzf "$src"/llama_cpp_python-*.tar.gz -C "$src"
    lc="$(echo "$src"/llama_cpp_python-*/vendor/llama.cpp)"
    if ! { cmake -S "$lc" -B "$lc/build" -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF \
            -DLLAMA_BUILD_SERVER=ON -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_OPENSSL=OFF \
        && cmake --build "$lc/build" --target llama-server -j "$(nproc)"; } >>"$log" 2>&1; then
        tail -n 30 "$log"
        say "llama-server build failed"
        exit 1
    fi
    mkdir -p "$ls_dir"
    cp "$lc/build/bin/llama-server" "$ls_bin"
    printf '%s\n' "$LLAMA_CPP_PYTHON_VERSION" > "$ls_dir/VERSION"
    rm -rf "$src"
    say "built $("$ls_bin" --version 2>&1 | grep -m1 version)"
fi

say "done"
