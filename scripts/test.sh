#!/usr/bin/env bash
# Runs every test: native doctest suites (core, sync server, the app's clients), the core suite as WebAssembly under node, the
# browser tests in headless Chromium against the real server, the Debian package installed and removed
# (tests/package, as root), and a 30 s fuzz run (scripts/fuzz.sh).
# Prints the size budget, then one closing line "N passed, N failed" counting test cases across all
# suites (the fuzz run counts as one). Exit status 1 if anything failed.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
t0=$(date +%s)
if ! bash scripts/build.sh; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi
build_s=$(( $(date +%s) - t0 ))

LOG="$(mktemp -d)"
passed=0; failed=0; suites_failed=()

# Adds a doctest binary's "test cases: N | P passed | F failed" to the totals.
count_doctest() {
  local log="$1" line p f
  line=$(grep -E '^\[doctest\] test cases:' "$log" | tail -n1)
  if [[ -z "$line" ]]; then failed=$((failed + 1)); return; fi
  p=$(sed -E 's/.*\| *([0-9]+) passed.*/\1/' <<<"$line")
  f=$(sed -E 's/.*\| *([0-9]+) failed.*/\1/' <<<"$line")
  passed=$((passed + p)); failed=$((failed + f))
}

# Adds a suite's closing line "NAME: N passed, N failed" (browser, single sign-on, package) to the totals;
# a suite that never printed it counts as one failure.
count_summary() {
  local name="$1" line
  line=$(grep -E "^$name: [0-9]+ passed, [0-9]+ failed" "$LOG/$name.log" | tail -n1)
  if [[ -z "$line" ]]; then failed=$((failed + 1)); return; fi
  passed=$((passed + $(sed -E 's/.*: ([0-9]+) passed.*/\1/' <<<"$line")))
  failed=$((failed + $(sed -E 's/.* ([0-9]+) failed/\1/' <<<"$line")))
}

run_suite() {  # name, then the command
  local name="$1"; shift
  echo "=== $name"
  if "$@" >"$LOG/$name.log" 2>&1; then :; else suites_failed+=("$name"); fi
  if [[ "$name" == browser || "$name" == package || "$name" == sso* || "$name" == kind-registry ]]; then grep -E '^(ok|FAIL) ' "$LOG/$name.log"; tail -n 1 "$LOG/$name.log"
  else tail -n 3 "$LOG/$name.log"; fi
}

run_suite core-native ./build/native/core_tests --no-colors
count_doctest "$LOG/core-native.log"
# A throwaway record kind: the build names each part of a kind still missing (issue 27 item 7).
run_suite kind-registry bash tests/core/kind_registry.sh
count_summary kind-registry
run_suite sync-native ./build/native/sync_tests --no-colors
count_doctest "$LOG/sync-native.log"
run_suite shell-native ./build/native/shell_tests --no-colors
count_doctest "$LOG/shell-native.log"
run_suite core-wasm bash -c 'cd build/wasm && exec node --no-experimental-fetch core_tests.js --no-colors'
count_doctest "$LOG/core-wasm.log"

run_suite browser node tests/browser/run.mjs
count_summary browser
# Single sign-on against a real OpenID provider (oidc-provider) over real HTTP, and on the tablet in
# headless Chromium through the provider's own pages (issue #20).
run_suite sso node tests/sso/sso.test.mjs
count_summary sso
run_suite sso-tablet node tests/sso/tablet_sso.test.mjs
count_summary sso-tablet
# The Debian package: installs, starts as its own user from its configuration, logs in, removes (issue #20).
run_suite package bash tests/package/test_package.sh
count_summary package

# The libFuzzer target for the upload handler, for a bounded time: one test, passed when it finds nothing.
run_suite fuzz bash scripts/fuzz.sh 30
if [[ " ${suites_failed[*]} " == *" fuzz "* ]]; then failed=$((failed + 1)); else passed=$((passed + 1)); fi

for s in "${suites_failed[@]}"; do
  echo "--- $s failed; its full log:"; cat "$LOG/$s.log"
done

echo "=== budgets (printed, not asserted)"
bash scripts/sizes.sh
echo "build (incremental or clean, as found): ${build_s} s; all tests: $(( $(date +%s) - t0 - build_s )) s"

echo "${passed} passed, ${failed} failed"
[[ $failed -eq 0 && ${#suites_failed[@]} -eq 0 ]]
