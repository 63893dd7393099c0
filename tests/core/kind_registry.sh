#!/usr/bin/env bash
# Issue 27 item 7: adding a record kind is one entry in core/records/kinds.hpp plus its model, its table and
# migration and (when users upload it) its acceptance rules — and the build names each part still missing.
# This compiles the two files that hold those parts with MAGTREG_THROWAWAY_KIND, which adds a kind with a
# model and an entry and nothing else, and expects each file to refuse with its own message; without the
# define the same commands must compile. Uses build/native's compile commands (scripts/build.sh first).
# Prints "ok NAME" / "FAIL NAME" and ends with "kind-registry: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
db=build/native/compile_commands.json
passed=0
failed=0
check() {  # name, condition result (0 = ok), detail
  if [[ "$2" == 0 ]]; then passed=$((passed + 1)); echo "ok $1"; else failed=$((failed + 1)); echo "FAIL $1${3:+: $3}"; fi
}

# The compiler command for a source file, without its output, as a syntax check.
command_for() {
  python3 - "$db" "$1" <<'PY'
import json, shlex, sys
db, source = sys.argv[1], sys.argv[2]
for entry in json.load(open(db)):
    if entry["file"].endswith("/" + source):
        args = entry.get("arguments") or shlex.split(entry["command"])
        out, skip = [], False
        for a in args:
            if skip: skip = False; continue
            if a in ("-o", "-MF", "-MT"): skip = True; continue
            if a in ("-c", "-MD"): continue
            out.append(a)
        print(entry["directory"]); print(shlex.join(out + ["-fsyntax-only"]))
        break
PY
}

expect_missing() {  # source file, the message the build must give
  local source="$1" message="$2" dir cmd log
  mapfile -t lines < <(command_for "$source")
  if [[ ${#lines[@]} -ne 2 ]]; then check "$source is in $db" 1 "not found"; return; fi
  dir="${lines[0]}"; cmd="${lines[1]}"
  log=$(mktemp)
  (cd "$dir" && eval "$cmd") >"$log" 2>&1
  check "$source compiles as it is" $? "$(head -c 2000 "$log")"
  (cd "$dir" && eval "$cmd -DMAGTREG_THROWAWAY_KIND") >"$log" 2>&1
  local rc=$?
  check "$source refuses the throwaway kind" $((rc == 0)) "it compiled"
  grep -qF "$message" "$log"
  check "$source names what is missing: $message" $? "$(grep -m3 'error' "$log")"
  grep -qE "Throwaway" "$log"
  check "$source names the kind (model::Throwaway)" $?
  rm -f "$log"
}

expect_missing core/storage/record_repository.cpp "a record kind lacks its storage::Table<T>"
expect_missing core/records/accept.cpp "an uploaded record kind lacks its records::Rules<T>"
echo "kind-registry: $passed passed, $failed failed"
[[ $failed == 0 ]]
