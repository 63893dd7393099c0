#!/usr/bin/env bash
# The tablet client's benchmark (issue 5): download size, first frame cold and warm (service worker),
# draft save latency at 10 / 100 / 1,000 drafts, and the frame CPU time with 10,000 registrations, each
# printed next to its target and, where one exists, the floor measured in the same run. Builds what it
# needs (the app, the server, and the bench_client wasm page), then runs tests/browser/bench_client.mjs
# in headless Chromium. Prints figures; asserts nothing; not part of scripts/test.sh.
# Environment: WARM_RELOADS (5), SAVES per database size (40), FRAMES (300), JOBS (2).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
JOBS="${JOBS:-2}"
export NODE_PATH=/usr/share/nodejs        # emcc's JS tools need Debian's node modules (acorn)
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/magtreg-ccache}"
export CCACHE_BASEDIR="$ROOT" CCACHE_NOHASHDIR=1

bash scripts/setup.sh >/dev/null
if [[ ! -f build/native/build.ninja ]]; then
  cmake -S . -B build/native -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
ninja -C build/native -j "$JOBS" magtreg >/dev/null || { echo "bench_client: native build failed" >&2; exit 1; }
if [[ ! -f build/wasm/build.ninja ]]; then
  emcmake cmake -S . -B build/wasm -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
ninja -C build/wasm -j "$JOBS" magtreg_app bench_client >/dev/null || { echo "bench_client: wasm build failed" >&2; exit 1; }
python3 scripts/make_icons.py build/wasm/app
python3 scripts/stamp_sw.py public build/wasm/app  # the service worker's cache named after the build

echo "bench_client: $(uname -m), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(chromium --version 2>/dev/null | head -n1)"
exec node tests/browser/bench_client.mjs
