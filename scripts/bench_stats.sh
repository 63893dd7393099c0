#!/usr/bin/env bash
# The statistics benchmark of issue #7 (bench/core/bench_stats.cpp): a yearly report over N generated
# registrations (default 1,000,000) in a database file, beside the same report counted from the rows and a
# plain GROUP BY floor. Builds the target when needed; prints "name value unit" lines; asserts nothing.
# Usage: scripts/bench_stats.sh [registrations]   NATIVE_DIR (default build/native), JOBS (default 2).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
NATIVE_DIR="${NATIVE_DIR:-build/native}"
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/magtreg-ccache}"
if [[ ! -f deps/sqlite/sqlite3.c ]]; then bash scripts/setup.sh >/dev/null; fi
if [[ ! -f "$NATIVE_DIR/build.ninja" ]]; then
  cmake -S . -B "$NATIVE_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
ninja -C "$NATIVE_DIR" -j "${JOBS:-2}" bench_stats >/dev/null || { echo "bench_stats: build failed" >&2; exit 1; }
echo "=== statistics ($(uname -m), $(nproc) cores)"
"$NATIVE_DIR/bench_stats" "${1:-1000000}"
