#!/usr/bin/env bash
# The core benchmarks (bench/core): rule checks per second and repository form saves per second beside raw
# SQLite commits, natively and as WebAssembly under node, then the native/wasm ratio of rule checks.
# Builds the two benchmark targets when needed. Prints figures as "name value unit"; asserts nothing.
# NATIVE_DIR / WASM_DIR choose the build trees (default build/native, build/wasm); JOBS (default 2).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
NATIVE_DIR="${NATIVE_DIR:-build/native}"
WASM_DIR="${WASM_DIR:-build/wasm}"
JOBS="${JOBS:-2}"
export NODE_PATH=/usr/share/nodejs        # emcc's JS tools need Debian's node modules (acorn)
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/magtreg-ccache}"
TARGETS=(bench_rules bench_storage)

if [[ ! -f deps/sqlite/sqlite3.c ]]; then bash scripts/setup.sh >/dev/null; fi
if [[ ! -f "$NATIVE_DIR/build.ninja" ]]; then
  cmake -S . -B "$NATIVE_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
ninja -C "$NATIVE_DIR" -j "$JOBS" "${TARGETS[@]}" >/dev/null || { echo "bench: native build failed" >&2; exit 1; }
if [[ ! -f "$WASM_DIR/build.ninja" ]]; then
  emcmake cmake -S . -B "$WASM_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
ninja -C "$WASM_DIR" -j "$JOBS" "${TARGETS[@]}" >/dev/null || { echo "bench: wasm build failed" >&2; exit 1; }

OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

echo "=== native ($(uname -m), $(nproc) cores)"
"$NATIVE_DIR/bench_rules" | tee "$OUT/rules-native.txt"
"$NATIVE_DIR/bench_storage" | tee "$OUT/storage-native.txt"
echo "=== wasm (node $(node --version))"
(cd "$WASM_DIR" && node --no-experimental-fetch bench_rules.js) | tee "$OUT/rules-wasm.txt"
(cd "$WASM_DIR" && node --no-experimental-fetch bench_storage.js) | tee "$OUT/storage-wasm.txt"

figure() { awk -v n="$2" '$1 == n { print $2 }' "$1"; }
echo "=== native / wasm"
for name in rule_checks_per_second rule_checks_json_per_second; do
  n=$(figure "$OUT/rules-native.txt" "$name"); w=$(figure "$OUT/rules-wasm.txt" "$name")
  if [[ -n "$n" && -n "$w" ]]; then
    awk -v n="$n" -v w="$w" -v name="$name" 'BEGIN { printf "%s_native_to_wasm_ratio %.2f ratio\n", name, n / w }'
  fi
done
