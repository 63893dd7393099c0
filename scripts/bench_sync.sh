#!/usr/bin/env bash
# The sync server's load benchmark (bench/sync/bench_upload.cpp): 1, 4 and 16 concurrent clients upload
# forms over HTTP to a real `magtreg serve` on a database file in build/bench-sync, beside the raw
# SQLite commit rate on the same disk. Prints figures; asserts nothing. Not part of scripts/test.sh.
# Extra arguments go to the benchmark: --clients 1,4,16 --forms N --raw N --dir DIR.
# BUILD_DIR=build/other uses another native build folder (default build/native).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
BUILD_DIR="${BUILD_DIR:-build/native}"
if [[ -f "$BUILD_DIR/build.ninja" ]]; then
  cmake --build "$BUILD_DIR" --target bench_upload -- -j2 >/dev/null || { echo "bench_sync: build failed" >&2; exit 1; }
else
  bash scripts/build.sh || { echo "bench_sync: build failed" >&2; exit 1; }
  BUILD_DIR=build/native
fi
exec "./$BUILD_DIR/bench_upload" --dir "$ROOT/build/bench-sync" "$@"
