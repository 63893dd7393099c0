#!/usr/bin/env bash
# Builds everything: the native tree (server, CLI, tests, benchmarks) and the WebAssembly tree
# (browser app, core tests for node, benchmarks). Runs setup first. Usage: scripts/build.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh >/dev/null
export NODE_PATH=/usr/share/nodejs        # emcc's JS tools need Debian's node modules (acorn)
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/magtreg-ccache}"
export CCACHE_MAXSIZE=2G
export CCACHE_BASEDIR="$ROOT" CCACHE_NOHASHDIR=1  # cache hits across checkouts (CI builds a fresh clone)
JOBS="${JOBS:-$(nproc)}"

if [[ ! -f build/native/build.ninja ]]; then
  cmake -S . -B build/native -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
ninja -C build/native -j "$JOBS"

if [[ ! -f build/wasm/build.ninja ]]; then
  emcmake cmake -S . -B build/wasm -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
ninja -C build/wasm -j "$JOBS"
python3 scripts/make_icons.py build/wasm/app
python3 scripts/stamp_sw.py public build/wasm/app  # the service worker's cache named after the build
