#!/usr/bin/env bash
# Builds Magtreg and runs it: creates the SQLite database with demo data if none exists, starts the
# server on 127.0.0.1:8080 (PORT=... to change) and prints the URL and the demo logins. Requests are
# logged to var/access.log (one JSON line each, docs/security.md).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/build.sh
mkdir -p var
DB="${DB:-var/magtreg.db}"
# Creates the demo municipality the first time (a database with users is left alone); prints the logins.
./build/native/magtreg seed-demo --db "$DB"
exec ./build/native/magtreg serve --db "$DB" --port "${PORT:-8080}" --bind 127.0.0.1 \
  --public public --app build/wasm/app --access-log var/access.log
