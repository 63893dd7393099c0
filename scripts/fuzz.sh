#!/usr/bin/env bash
# Builds the libFuzzer target fuzz/fuzz_upload.cpp (clang, AddressSanitizer + UndefinedBehaviorSanitizer)
# in build/fuzz, only that target and the libraries it needs, and runs it for SECONDS (default 30) on
# the seeds: fresh upload bodies written by the target itself, fuzz/corpus/ (committed, with every input
# that ever crashed it) and tests/core/data/check/ (rule-engine inputs). What the fuzzer finds new is
# kept in build/fuzz/corpus between runs; a crash leaves build/fuzz/artifacts/crash-* (add it to
# fuzz/corpus/ with the fix). Exit status 0 when it ran the whole time without a finding.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN_SECONDS="${1:-30}"
[[ "$RUN_SECONDS" =~ ^[0-9]+$ ]] || { echo "usage: scripts/fuzz.sh [SECONDS]" >&2; exit 2; }
die() { echo "fuzz: $*" >&2; exit 1; }
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.cache/magtreg-ccache}" CCACHE_MAXSIZE=2G
export CCACHE_BASEDIR="$ROOT" CCACHE_NOHASHDIR=1  # cache hits across checkouts (CI builds a fresh clone)

command -v clang++ >/dev/null || die "clang++ not found: run scripts/setup.sh (Debian packages clang, libclang-rt-14-dev)"
probe="$(mktemp -d)"
trap 'rm -rf "$probe"' EXIT
echo 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }' >"$probe/p.cpp"
clang++ -fsanitize=fuzzer,address,undefined "$probe/p.cpp" -o "$probe/p" 2>"$probe/err" \
  || die "clang cannot link libFuzzer with ASan/UBSan (Debian package libclang-rt-14-dev; scripts/setup.sh): $(head -c 300 "$probe/err")"

B="$ROOT/build/fuzz"
SAN="-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
if [[ ! -f "$B/build.ninja" ]]; then
  # SQLite (the only C source) stays uninstrumented: coverage of our code is what guides the fuzzer.
  CC=clang CXX=clang++ cmake -S "$ROOT" -B "$B" -G Ninja -DCMAKE_BUILD_TYPE=Fuzz -DMAGTREG_FUZZ=ON \
    -DCMAKE_C_FLAGS="-O2 -g" -DCMAKE_CXX_FLAGS="-O1 -g -fsanitize=fuzzer-no-link $SAN" >"$probe/cmake.log" 2>&1 \
    || { cat "$probe/cmake.log" >&2; die "configuring build/fuzz failed"; }
fi
ninja -C "$B" -j2 fuzz_upload >"$probe/build.log" 2>&1 || { tail -n 40 "$probe/build.log" >&2; die "building fuzz_upload failed"; }

mkdir -p "$B/corpus" "$B/artifacts"
rm -rf "$B/seeds"
MAGTREG_FUZZ_WRITE_SEEDS="$B/seeds" "$B/fuzz_upload" >/dev/null 2>&1 || die "fuzz_upload could not write its seeds"
echo "fuzz: fuzz_upload for ${RUN_SECONDS} s"
rc=0
"$B/fuzz_upload" -max_total_time="$RUN_SECONDS" -timeout=10 -rss_limit_mb=2048 -print_funcs=0 -print_final_stats=1 \
  -artifact_prefix="$B/artifacts/" "$B/corpus" "$B/seeds" "$ROOT/fuzz/corpus" "$ROOT/tests/core/data/check" || rc=$?
echo "fuzz: finished, exit status $rc"
exit $rc
