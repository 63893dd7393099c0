#!/usr/bin/env bash
# Installs everything a fresh Debian bookworm machine lacks to build, run and test Magtreg,
# and fetches third-party source (pinned, checksummed) into the git-ignored deps/ folder.
# Idempotent: a second run checks and returns quickly.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEPS="$ROOT/deps"
mkdir -p "$DEPS"

IMGUI_VERSION="1.90.1+ds-1"
IMGUI_ORIG="imgui_1.90.1+ds.orig.tar.xz"
IMGUI_SHA256="ecce377df0f90b292f15dcbd83d438bddc162b2388c881132bde18c787572a1c"
# SQLite 3.51.2 with SQLite3 Multiple Ciphers 2.2.7 (MIT, maintained by Ulrich Telle): the tablet's
# databases are encrypted per page with ChaCha20-Poly1305 (issue 16); the server's stay plain SQLite.
SQLITE_NPM="better-sqlite3-multiple-ciphers@12.6.2"
SQLITE_TGZ="better-sqlite3-multiple-ciphers-12.6.2.tgz"
SQLITE_SHA256="ffa5065e4371d325a6920704b99af271f6e27e70deabe3ba4d5fd8f35d838cd6"
# The common-password list new passwords are checked against (NIST SP 800-63B 3.1.1.2), compiled into
# the server and CLI: zxcvbn-ts's list (MIT), about 49,000 passwords from public breach corpora.
PASSWORDS_NPM="@zxcvbn-ts/language-common@4.1.3"
PASSWORDS_TGZ="zxcvbn-ts-language-common-4.1.3.tgz"
PASSWORDS_SHA256="bf3027c16c069d7877e25dc8751bc819e10e479afcc5ee1a323eb2ab73129ca9"

APT_PACKAGES=(
  build-essential cmake ninja-build ccache pkg-config git xz-utils ca-certificates openssl
  emscripten nodejs npm
  nlohmann-json3-dev doctest-dev libcpp-httplib-dev libsodium-dev
  fonts-dejavu-core fonttools brotli
  chromium
  libtomlplusplus-dev libcjose-dev libjansson-dev
  curl systemd
  clang libclang-rt-14-dev
)

die() { echo "setup: $*" >&2; exit 1; }
log() { echo "setup: $*"; }

# --- [SECTION] Debian packages -------------------------------------------------
missing=()
for p in "${APT_PACKAGES[@]}"; do
  # nodejs/npm may come from another origin already (node >= 18 is all we need)
  if [[ "$p" == nodejs || "$p" == npm ]] && command -v "${p/nodejs/node}" >/dev/null 2>&1; then continue; fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  [[ $EUID -eq 0 ]] || die "missing Debian packages (${missing[*]}); run as root to install them"
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || die "apt-get update failed"
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "could not install Debian packages: ${missing[*]}"
fi
command -v emcc >/dev/null || die "emcc not found after installing emscripten"
command -v node >/dev/null || die "node not found"
command -v chromium >/dev/null || die "chromium not found"

sha_ok() { [[ -f "$1" ]] && echo "$2  $1" | sha256sum -c --status; }

# --- [SECTION] Dear ImGui from Debian's source package ---------------------------
if [[ ! -f "$DEPS/imgui/.ok-$IMGUI_VERSION" ]]; then
  work="$DEPS/_imgui_src"
  mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/sources"
  if ! sha_ok "$work/$IMGUI_ORIG" "$IMGUI_SHA256"; then
    # Reuse the Debian mirror that this machine's apt already uses.
    mirror="$(grep -hE '^\s*URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -n1 || true)"
    [[ -n "$mirror" ]] || mirror="$(grep -hE '^deb ' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' | grep -v security | head -n1 || true)"
    [[ -n "$mirror" ]] || die "cannot find a Debian mirror in the apt configuration to fetch imgui source"
    cat > "$work/sources/imgui.sources" <<SRC
Types: deb-src
URIs: $mirror
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    aptopts=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$work/sources"
             -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache" -o APT::Sandbox::User=root)
    log "fetching imgui $IMGUI_VERSION source package"
    apt-get "${aptopts[@]}" update -qq >/dev/null 2>&1 || die "could not read the Debian source index for imgui"
    (cd "$work" && apt-get "${aptopts[@]}" source --download-only "imgui=$IMGUI_VERSION" >/dev/null 2>&1) \
      || die "could not download Debian source package imgui=$IMGUI_VERSION"
  fi
  sha_ok "$work/$IMGUI_ORIG" "$IMGUI_SHA256" || die "checksum mismatch for $IMGUI_ORIG"
  rm -rf "$DEPS/imgui" && mkdir -p "$DEPS/imgui"
  tar -xJf "$work/$IMGUI_ORIG" -C "$DEPS/imgui" --strip-components=1
  [[ -f "$DEPS/imgui/imgui.cpp" ]] || die "imgui tarball has an unexpected layout"
  touch "$DEPS/imgui/.ok-$IMGUI_VERSION"
fi

# --- [SECTION] SQLite3 Multiple Ciphers amalgamation from its better-sqlite3 npm tarball
if [[ ! -f "$DEPS/sqlite/.ok-$SQLITE_SHA256" ]]; then
  work="$DEPS/_sqlite_src"; mkdir -p "$work"
  if ! sha_ok "$work/$SQLITE_TGZ" "$SQLITE_SHA256"; then
    log "fetching SQLite amalgamation ($SQLITE_NPM)"
    (cd "$work" && npm pack --silent --ignore-scripts "$SQLITE_NPM" >/dev/null) || die "npm pack $SQLITE_NPM failed"
  fi
  sha_ok "$work/$SQLITE_TGZ" "$SQLITE_SHA256" || die "checksum mismatch for $SQLITE_TGZ"
  rm -rf "$DEPS/sqlite" && mkdir -p "$DEPS/sqlite"
  tar -xzf "$work/$SQLITE_TGZ" -C "$work" package/deps/sqlite3/sqlite3.c package/deps/sqlite3/sqlite3.h
  cp "$work/package/deps/sqlite3/sqlite3.c" "$work/package/deps/sqlite3/sqlite3.h" "$DEPS/sqlite/"
  touch "$DEPS/sqlite/.ok-$SQLITE_SHA256"
fi

# --- [SECTION] Common-password list from the @zxcvbn-ts/language-common npm tarball
if [[ ! -f "$DEPS/passwords/.ok-$PASSWORDS_SHA256" ]]; then
  work="$DEPS/_passwords_src"; mkdir -p "$work"
  if ! sha_ok "$work/$PASSWORDS_TGZ" "$PASSWORDS_SHA256"; then
    log "fetching the common-password list ($PASSWORDS_NPM)"
    (cd "$work" && npm pack --silent --ignore-scripts "$PASSWORDS_NPM" >/dev/null) || die "npm pack $PASSWORDS_NPM failed"
  fi
  sha_ok "$work/$PASSWORDS_TGZ" "$PASSWORDS_SHA256" || die "checksum mismatch for $PASSWORDS_TGZ"
  rm -rf "$DEPS/passwords" && mkdir -p "$DEPS/passwords"
  tar -xzf "$work/$PASSWORDS_TGZ" -C "$work" package/src/passwords.json package/LICENSE.txt
  cp "$work/package/src/passwords.json" "$work/package/LICENSE.txt" "$DEPS/passwords/"
  touch "$DEPS/passwords/.ok-$PASSWORDS_SHA256"
fi

# --- [SECTION] Header-only libraries, copied so the wasm build never sees /usr/include
mkdir -p "$DEPS/include"
if [[ ! -d "$DEPS/include/nlohmann" ]]; then cp -r /usr/include/nlohmann "$DEPS/include/"; fi
if [[ ! -d "$DEPS/include/doctest" ]]; then cp -r /usr/include/doctest "$DEPS/include/"; fi

# --- [SECTION] Font: DejaVu Sans subset to Latin-1 + general punctuation ----------
FONT_SRC=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
FONT_BOLD_SRC=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf
mkdir -p "$DEPS/fonts"
for pair in "$FONT_SRC:DejaVuSans-subset.ttf" "$FONT_BOLD_SRC:DejaVuSans-Bold-subset.ttf"; do
  src="${pair%%:*}"; dst="$DEPS/fonts/${pair##*:}"
  if [[ ! -s "$dst" ]]; then
    [[ -f "$src" ]] || die "font $src missing (fonts-dejavu-core)"
    pyftsubset "$src" --unicodes="U+0020-00FF,U+2000-206F,U+20AC,U+2190-2193,U+2212,U+2713,U+2717,U+25B2-25BC" \
      --layout-features='' --no-hinting --desubroutinize --output-file="$dst" \
      || die "pyftsubset failed for $src"
  fi
done

# --- [SECTION] npm packages for the browser tests --------------------------------
if [[ ! -d "$ROOT/tests/browser/node_modules/playwright-core" ]]; then
  log "installing npm packages for browser tests"
  (cd "$ROOT/tests/browser" && npm ci --silent --no-audit --no-fund --ignore-scripts >/dev/null) \
    || die "npm ci in tests/browser failed"
fi

# --- [SECTION] npm packages for the single sign-on tests (a certified OpenID provider) ------
if [[ ! -d "$ROOT/tests/sso/node_modules/oidc-provider" ]]; then
  log "installing npm packages for single sign-on tests"
  (cd "$ROOT/tests/sso" && npm ci --silent --no-audit --no-fund --ignore-scripts >/dev/null) \
    || die "npm ci in tests/sso failed"
fi

log "ok"
