#!/usr/bin/env bash
# Prints the app's download size: wasm, js and the embedded fonts, raw / gzip -9 / brotli.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
APP="$ROOT/build/wasm/app"
row() {
  local f="$1" raw gz br="-"
  raw=$(stat -c %s "$f"); gz=$(gzip -9 -c "$f" | wc -c)
  if command -v brotli >/dev/null; then br=$(brotli -c -q 11 "$f" | wc -c); fi
  printf '%-28s raw %8d  gzip %8d  brotli %8s\n' "$(basename "$f")" "$raw" "$gz" "$br"
}
row "$APP/magtreg.wasm"
row "$APP/magtreg.js"
for f in "$ROOT"/deps/fonts/*.ttf; do row "$f"; done
total_gz=$(( $(gzip -9 -c "$APP/magtreg.wasm" | wc -c) + $(gzip -9 -c "$APP/magtreg.js" | wc -c) ))
echo "size.app_wasm_js_gzip_bytes ${total_gz} (fonts are embedded in the wasm; budget 700 KB)"
